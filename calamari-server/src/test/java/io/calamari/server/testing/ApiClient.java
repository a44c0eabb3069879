package io.calamari.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * An API client with its own cookie jar, as a browser or a script would use the API: it logs in with
 * Calamari's GET-then-POST flow and echoes the XSRF-TOKEN cookie in the X-XSRF-TOKEN header on unsafe
 * methods (unless told not to).
 */
public final class ApiClient {
    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private boolean sendCsrfHeader = true;
    private final java.util.Map<String, String> extraHeaders = new java.util.LinkedHashMap<>();

    public ApiClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logs in; throws unless the server answers 200. */
    public ApiClient login(String username, String password) {
        ApiResponse response = tryLogin(username, password);
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        return this;
    }

    public ApiResponse tryLogin(String username, String password) {
        get("/api/v2/auth/login");
        return post("/api/v2/auth/login", "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
    }

    /** Sends this header on every request from now on. */
    public ApiClient withHeader(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public ApiClient withoutCsrfHeader() {
        sendCsrfHeader = false;
        return this;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, "application/json");
    }

    public ApiResponse post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public ApiResponse patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public ApiResponse put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    /**
     * Opens a Server-Sent Events stream ({@code Accept: text/event-stream}) with this client's
     * session and headers plus {@code headers} (name, value, name, value...); returns once the
     * response headers are in.
     */
    public SseStream stream(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "text/event-stream")
                .GET();
        extraHeaders.forEach(request::header);
        for (int index = 0; index < headers.length; index += 2) {
            request.header(headers[index], headers[index + 1]);
        }
        try {
            return new SseStream(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ApiResponse send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        extraHeaders.forEach(request::header);
        if (sendCsrfHeader) {
            cookie("XSRF-TOKEN").ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body(), method, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Puts a cookie in the jar by hand (e.g. a stolen session cookie). */
    public void setCookie(String name, String value) {
        var store = cookies.getCookieStore();
        store.getCookies().stream()
                .filter(existing -> existing.getName().equals(name))
                .toList()
                .forEach(existing -> store.getURIs().forEach(uri -> store.remove(uri, existing)));
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }
}
