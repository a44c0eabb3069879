package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/** A CRUSH device (an OSD) with its device class, empty when none. Immutable. */
public record CrushDevice(int id, String name, String deviceClass) {
    public CrushDevice {
        requireNonNull(name, "name");
        requireNonNull(deviceClass, "deviceClass");
    }
}
