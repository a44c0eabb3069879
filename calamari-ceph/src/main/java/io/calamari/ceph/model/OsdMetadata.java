package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code osd metadata} reports for one OSD: every field as a string (Ceph's own values are
 * strings; other scalars are rendered as text), with typed accessors for the fields Calamari uses.
 * An OSD whose metadata could not be read has an empty map. Immutable.
 */
public record OsdMetadata(int osd, Map<String, String> fields) {
    public OsdMetadata {
        fields = Map.copyOf(fields);
    }

    public Optional<String> field(String name) {
        requireNonNull(name, "name");
        return Optional.ofNullable(fields.get(name)).filter(value -> !value.isEmpty());
    }

    public Optional<String> hostname() {
        return field("hostname");
    }

    public Optional<String> cephVersion() {
        return field("ceph_version");
    }

    public Optional<String> objectStore() {
        return field("osd_objectstore");
    }

    public Optional<String> osdData() {
        return field("osd_data");
    }

    public Optional<String> osdJournal() {
        return field("osd_journal");
    }

    public Optional<String> backendPartitionPath() {
        return field("backend_filestore_partition_path");
    }

    public Optional<String> backendDeviceNode() {
        return field("backend_filestore_dev_node");
    }

    public Optional<String> deviceIds() {
        return field("device_ids");
    }
}
