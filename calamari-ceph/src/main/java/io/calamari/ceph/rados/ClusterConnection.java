package io.calamari.ceph.rados;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one cluster: its {@code ceph.conf}, an optional keyring overriding the one the configuration names,
 * the cephx identity (such as {@code client.admin}) and the limit for connecting and for each librados operation.
 */
public record ClusterConnection(Path confFile, Optional<Path> keyring, String clientName, Duration operationTimeout) {

    public static final String DEFAULT_CLIENT = "client.admin";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ClusterConnection {
        requireNonNull(confFile, "confFile");
        requireNonNull(keyring, "keyring");
        requireNonNull(clientName, "clientName");
        requireNonNull(operationTimeout, "operationTimeout");
        if (!clientName.startsWith("client.") || clientName.length() == "client.".length()) {
            throw new IllegalArgumentException("clientName must look like client.NAME, was: " + clientName);
        }
        if (operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("operationTimeout must be positive, was: " + operationTimeout);
        }
    }

    /** {@code client.admin} with the keyring named in {@code confFile} and a 10 s operation timeout. */
    public static ClusterConnection admin(Path confFile) {
        return new ClusterConnection(confFile, Optional.empty(), DEFAULT_CLIENT, DEFAULT_TIMEOUT);
    }

    public ClusterConnection withKeyring(Path keyringFile) {
        return new ClusterConnection(confFile, Optional.of(keyringFile), clientName, operationTimeout);
    }

    public ClusterConnection withOperationTimeout(Duration timeout) {
        return new ClusterConnection(confFile, keyring, clientName, timeout);
    }
}
