package io.calamari.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit entries to list; a null field does not filter. {@code since} is inclusive and
 * {@code until} exclusive, so consecutive windows neither overlap nor leave gaps. Immutable.
 */
public record AuditFilter(
        @Nullable String username,
        @Nullable String fsid,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable AuditOutcome outcome) {

    /** Every entry. */
    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }

    public AuditFilter withUsername(@Nullable String value) {
        return new AuditFilter(value, fsid, since, until, outcome);
    }

    public AuditFilter withFsid(@Nullable String value) {
        return new AuditFilter(username, value, since, until, outcome);
    }

    public AuditFilter withSince(@Nullable Instant value) {
        return new AuditFilter(username, fsid, value, until, outcome);
    }

    public AuditFilter withUntil(@Nullable Instant value) {
        return new AuditFilter(username, fsid, since, value, outcome);
    }

    public AuditFilter withOutcome(@Nullable AuditOutcome value) {
        return new AuditFilter(username, fsid, since, until, value);
    }
}
