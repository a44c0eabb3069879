package io.calamari.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which outcome each kind of request and status reads as; written out independently of the code. */
class AuditOutcomeTest {
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "REQUEST, 200, succeeded",
        "REQUEST, 201, succeeded",
        "REQUEST, 202, accepted",
        "REQUEST, 204, succeeded",
        "REQUEST, 304, succeeded",
        "REQUEST, 400, rejected",
        "REQUEST, 404, rejected",
        "REQUEST, 409, rejected",
        "REQUEST, 415, rejected",
        "REQUEST, 401, denied",
        "REQUEST, 403, denied",
        "REQUEST, 429, denied",
        "REQUEST, 500, failed",
        "REQUEST, 503, failed",
        "LOGIN,   200, login",
        "LOGIN,   400, login_failed",
        "LOGIN,   401, login_failed",
        "LOGIN,   415, login_failed",
        "LOGIN,   429, denied",
        "LOGIN,   500, failed",
        "LOGOUT,  200, logout",
        "LOGOUT,  500, failed",
    })
    void outcomeOfKindAndStatus(AuditedRequest.Kind kind, int status, String outcome) {
        assertThat(AuditOutcome.of(kind, status).wireName()).isEqualTo(outcome);
    }

    @ParameterizedTest
    @CsvSource({"accepted", "succeeded", "rejected", "denied", "failed", "login", "login_failed", "logout"})
    void wireNamesRoundTrip(String name) {
        assertThat(AuditOutcome.fromWireName(name).orElseThrow().wireName()).isEqualTo(name);
        assertThat(AuditOutcome.wireNames()).contains(name);
    }
}
