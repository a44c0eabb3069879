package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One CephFS file system of the FS map with its MDS map essentials. Immutable. */
public record Filesystem(
        int id,
        String name,
        int epoch,
        int maxMds,
        List<Integer> in,
        List<MdsInfo> mds,
        int metadataPool,
        List<Integer> dataPools) {
    public Filesystem {
        requireNonNull(name, "name");
        in = List.copyOf(in);
        mds = List.copyOf(mds);
        dataPools = List.copyOf(dataPools);
    }
}
