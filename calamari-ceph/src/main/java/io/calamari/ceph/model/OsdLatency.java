package io.calamari.ceph.model;

/**
 * One OSD's commit and apply latency in milliseconds, as the manager's {@code osd perf} reports
 * them (from the nanosecond figures when present, so sub-millisecond latencies are not 0).
 * Immutable.
 */
public record OsdLatency(int osd, double commitLatencyMs, double applyLatencyMs) {}
