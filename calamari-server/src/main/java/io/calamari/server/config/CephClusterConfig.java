package io.calamari.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** One cluster to monitor: its ceph.conf, and optionally the keyring and client name to use. */
public record CephClusterConfig(Path confFile, Optional<Path> keyring, String clientName) {
    public CephClusterConfig {
        requireNonNull(confFile, "confFile");
        requireNonNull(keyring, "keyring");
        requireNonNull(clientName, "clientName");
    }
}
