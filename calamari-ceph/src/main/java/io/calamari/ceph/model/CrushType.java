package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/** A CRUSH bucket type ({@code host}, {@code root}...). Immutable. */
public record CrushType(int id, String name) {
    public CrushType {
        requireNonNull(name, "name");
    }
}
