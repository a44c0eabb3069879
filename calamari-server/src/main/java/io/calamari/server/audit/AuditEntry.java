package io.calamari.server.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the audit log: who ({@code username}, null for anonymous requests) did what
 * ({@code method}, {@code path}, {@code action}) from where ({@code address}) and when ({@code at}),
 * on which cluster ({@code fsid}, if the path names one), with which asynchronous request
 * ({@code requestId}) and how it ended ({@code status}, {@code outcome}). Immutable.
 */
public record AuditEntry(
        long id,
        Instant at,
        @Nullable String username,
        String address,
        String method,
        String path,
        @Nullable String fsid,
        String action,
        @Nullable String requestId,
        int status,
        AuditOutcome outcome) {
    public AuditEntry {
        requireNonNull(at, "at");
        requireNonNull(address, "address");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(action, "action");
        requireNonNull(outcome, "outcome");
    }
}
