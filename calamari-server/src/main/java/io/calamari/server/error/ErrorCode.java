package io.calamari.server.error;

/** The stable error codes of the API; {@code http.ErrorResponses} maps each to one HTTP status. */
public enum ErrorCode {
    INVALID_ARGUMENT,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    NOT_ACCEPTABLE,
    UNSUPPORTED_MEDIA_TYPE,
    TOO_MANY_REQUESTS,
    SERVICE_UNAVAILABLE,
    CLUSTER_UNAVAILABLE
}
