package io.calamari.server.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One page of audit entries, newest first, and how many entries match the filter in all. Immutable. */
public record AuditPage(long count, List<AuditEntry> entries) {
    public AuditPage {
        requireNonNull(entries, "entries");
        entries = List.copyOf(entries);
    }
}
