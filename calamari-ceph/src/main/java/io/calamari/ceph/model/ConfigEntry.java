package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/**
 * One option from {@code config dump} (the central config database): section ({@code global},
 * {@code osd}, {@code osd.3}...), name, value as text, level and mask. Immutable.
 */
public record ConfigEntry(
        String section, String name, String value, String level, boolean canUpdateAtRuntime, String mask) {
    public ConfigEntry {
        requireNonNull(section, "section");
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        requireNonNull(level, "level");
        requireNonNull(mask, "mask");
    }
}
