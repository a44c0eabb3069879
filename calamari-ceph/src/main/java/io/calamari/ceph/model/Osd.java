package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One OSD entry of {@code osd dump}. {@code weight} is the reweight (0.0 to 1.0, 0 when out);
 * addresses are in Ceph's legacy {@code ip:port/nonce} form, empty when Ceph did not report one.
 * Immutable.
 */
public record Osd(
        int id,
        String uuid,
        boolean up,
        boolean in,
        double weight,
        double primaryAffinity,
        String publicAddress,
        String clusterAddress,
        String heartbeatBackAddress,
        String heartbeatFrontAddress,
        int upFrom,
        int upThrough,
        int downAt,
        int lostAt,
        List<String> state) {
    public Osd {
        requireNonNull(uuid, "uuid");
        requireNonNull(publicAddress, "publicAddress");
        requireNonNull(clusterAddress, "clusterAddress");
        requireNonNull(heartbeatBackAddress, "heartbeatBackAddress");
        requireNonNull(heartbeatFrontAddress, "heartbeatFrontAddress");
        state = List.copyOf(state);
    }
}
