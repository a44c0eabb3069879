package io.calamari.ceph.model;

import java.util.List;

/** The FS map from {@code fs dump}: epoch, file systems and standby MDS daemons. Immutable. */
public record FsMap(int epoch, List<Filesystem> filesystems, List<MdsInfo> standbys) {
    public FsMap {
        filesystems = List.copyOf(filesystems);
        standbys = List.copyOf(standbys);
    }
}
