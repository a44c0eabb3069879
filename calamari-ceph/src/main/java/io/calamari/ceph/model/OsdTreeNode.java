package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One node of {@code osd tree}: a bucket (negative id, with children) or an OSD (id &ge; 0, with
 * CRUSH weight, reweight and status). Immutable.
 */
public record OsdTreeNode(
        int id,
        String name,
        String type,
        int typeId,
        List<Integer> children,
        double crushWeight,
        double reweight,
        String status,
        String deviceClass) {
    public OsdTreeNode {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(status, "status");
        requireNonNull(deviceClass, "deviceClass");
        children = List.copyOf(children);
    }

    public boolean isOsd() {
        return id >= 0;
    }
}
