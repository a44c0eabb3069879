package io.calamari.server.http;

/** Who may call a route; enforced by {@link ApiRouter} before the handler runs. */
public enum Access {
    /** Anyone, even while the server is still starting (health probes). */
    PROBE,
    /** Anyone, logged in or not (info, auth, probes, the API document). */
    PUBLIC,
    /** Any logged-in user for safe methods; read/write or superuser for unsafe ones (the default). */
    ROLE_BASED,
    /** Any logged-in user, whatever the method: the handler's service decides further. */
    ANY_USER,
    /**
     * Any logged-in user, by session or HTTP Basic; every method only reads, so POST needs no CSRF
     * token (the Graphite API, to which Grafana posts forms).
     */
    READ,
    /** Superusers only. */
    SUPERUSER
}
