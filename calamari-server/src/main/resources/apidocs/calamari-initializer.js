// Swagger UI for Calamari's API document. "Try it out" uses the browser's Calamari session; unsafe
// methods carry the X-XSRF-TOKEN header copied from the XSRF-TOKEN cookie, as the dashboard does.
window.onload = function () {
  function xsrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  window.ui = SwaggerUIBundle({
    url: "/api/v2/openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    requestInterceptor: function (request) {
      const token = xsrfToken();
      if (token) {
        request.headers["X-XSRF-TOKEN"] = token;
      }
      return request;
    }
  });
};
