package io.calamari.server.http;

import io.javalin.http.Context;

/** The cookies and header of Calamari's session and CSRF scheme, and how they are set. */
public final class Cookies {
    public static final String SESSION = "calamari_sessionid";
    public static final String CSRF = "XSRF-TOKEN";
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private Cookies() {}

    /** The session cookie: HttpOnly, SameSite=Lax, Secure when served over TLS. */
    public static void setSession(Context ctx, String token) {
        ctx.res().addHeader("Set-Cookie", SESSION + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" + secure(ctx));
    }

    public static void clearSession(Context ctx) {
        ctx.res().addHeader("Set-Cookie", SESSION + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure(ctx));
    }

    /** The CSRF cookie: readable by the page's script, which echoes it in the X-XSRF-TOKEN header. */
    public static void setCsrf(Context ctx, String token) {
        ctx.res().addHeader("Set-Cookie", CSRF + "=" + token + "; Path=/; SameSite=Lax" + secure(ctx));
    }

    /** Secure when served over TLS, directly or by a proxy that says so in X-Forwarded-Proto. */
    private static String secure(Context ctx) {
        boolean tls =
                "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return tls ? "; Secure" : "";
    }
}
