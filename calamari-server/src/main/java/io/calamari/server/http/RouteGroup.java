package io.calamari.server.http;

/** A feature's HTTP routes. Implementations are the {@code …Routes} classes. */
public interface RouteGroup {
    void addTo(ApiRouter router);
}
