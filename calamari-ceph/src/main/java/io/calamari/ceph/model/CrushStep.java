package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a CRUSH rule as {@code osd crush dump} prints it: {@code op} plus, depending on the
 * op, an item (and its name), a count and a bucket type name. Immutable.
 */
public record CrushStep(
        String op, OptionalInt item, Optional<String> itemName, OptionalInt number, Optional<String> type) {
    public CrushStep {
        requireNonNull(op, "op");
        requireNonNull(item, "item");
        requireNonNull(itemName, "itemName");
        requireNonNull(number, "number");
        requireNonNull(type, "type");
    }
}
