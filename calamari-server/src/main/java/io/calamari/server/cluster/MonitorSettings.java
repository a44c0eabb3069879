package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a cluster monitor polls: the status poll period, the bound on every command, how often the
 * parts that have no epoch are refreshed, and the longest wait between reconnection attempts.
 */
public record MonitorSettings(
        Duration pollInterval,
        Duration commandTimeout,
        Duration pgSummaryMinimumInterval,
        Duration dfInterval,
        Duration configInterval,
        Duration healthRefreshInterval,
        Duration maximumBackoff) {
    public MonitorSettings {
        requireNonNull(pollInterval, "pollInterval");
        requireNonNull(commandTimeout, "commandTimeout");
        requireNonNull(pgSummaryMinimumInterval, "pgSummaryMinimumInterval");
        requireNonNull(dfInterval, "dfInterval");
        requireNonNull(configInterval, "configInterval");
        requireNonNull(healthRefreshInterval, "healthRefreshInterval");
        requireNonNull(maximumBackoff, "maximumBackoff");
    }

    public static MonitorSettings defaults() {
        return new MonitorSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    public MonitorSettings withCommandTimeout(Duration timeout) {
        return new MonitorSettings(
                pollInterval,
                timeout,
                pgSummaryMinimumInterval,
                dfInterval,
                configInterval,
                healthRefreshInterval,
                maximumBackoff);
    }

    public MonitorSettings withMaximumBackoff(Duration backoff) {
        return new MonitorSettings(
                pollInterval,
                commandTimeout,
                pgSummaryMinimumInterval,
                dfInterval,
                configInterval,
                healthRefreshInterval,
                backoff);
    }
}
