package io.calamari.server.event;

import java.util.Locale;
import java.util.Optional;

/**
 * Calamari's event severities, most severe first; the number is Calamari's (a filter for a
 * severity returns events with a number at most that one).
 */
public enum Severity {
    CRITICAL(1),
    ERROR(2),
    WARNING(3),
    RECOVERY(4),
    INFO(5);

    private final int number;

    Severity(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Optional<Severity> fromName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Severity fromNumber(int number) {
        for (Severity severity : values()) {
            if (severity.number == number) {
                return severity;
            }
        }
        throw new IllegalArgumentException("no severity " + number);
    }
}
