package io.calamari.ceph.jna;

import static java.util.Objects.requireNonNull;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.ceph.rados.RadosUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Connects {@link RadosClient}s to clusters through librados ({@code librados.so.2}, Debian package {@code librados2}).
 *
 * <p>Connecting reads the configuration file, applies the keyring when one is given, sets {@code client_mount_timeout},
 * {@code rados_mon_op_timeout} and {@code rados_osd_op_timeout} to the operation timeout (in whole seconds, at least
 * one) and then connects, all on the new client's executor: the caller waits at most the operation timeout plus
 * {@value #CONNECT_GRACE_SECONDS} s. Stateless and thread-safe.
 */
public final class RadosConnector {
    static final long CONNECT_GRACE_SECONDS = 2;
    private static final String CLUSTER_NAME = "ceph";
    private static final Set<Integer> AUTHENTICATION_ERRNOS = Set.of(-1, -13, -95);
    private static final int ETIMEDOUT = -110;

    private RadosConnector() {}

    /**
     * Connects to the cluster {@code config} describes.
     *
     * @throws RadosUnavailableException when librados cannot be loaded
     * @throws RadosTimeoutException when the monitors do not answer within the operation timeout
     * @throws RadosException when a file is missing, authentication fails or librados refuses otherwise
     */
    public static RadosClient connect(ClusterConnection config) {
        return connect(LibRadosLoader.library(), config);
    }

    static RadosClient connect(LibRados library, ClusterConnection config) {
        requireNonNull(config, "config");
        requireReadable(config.confFile(), "Ceph configuration file");
        config.keyring().ifPresent(keyring -> requireReadable(keyring, "keyring"));
        NativeCallExecutor executor =
                new NativeCallExecutor(String.valueOf(config.confFile().getFileName()));
        Attempt attempt = new Attempt(library, config);
        Duration limit = config.operationTimeout().plusSeconds(CONNECT_GRACE_SECONDS);
        try {
            Connected connected = executor.call(
                    "connecting as " + config.clientName() + " with " + config.confFile(), attempt::run, limit);
            executor.relabel(connected.fsid());
            return new JnaRadosClient(library, executor, connected.cluster(), connected.fsid());
        } catch (RuntimeException e) {
            attempt.abandon();
            executor.shutdown(Duration.ZERO);
            throw e;
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new RadosException(what + " " + file + " does not exist or is not readable", -2, "");
        }
    }

    private record Connected(Pointer cluster, String fsid) {}

    /**
     * One connection attempt on the executor. When the caller gives up first, the attempt shuts its own handle down
     * as soon as librados returns, so that an abandoned connection does not stay open.
     */
    private static final class Attempt {
        private final LibRados library;
        private final ClusterConnection config;
        private @Nullable Pointer connectedCluster;
        private boolean abandoned;

        Attempt(LibRados library, ClusterConnection config) {
            this.library = library;
            this.config = config;
        }

        Connected run() {
            PointerByReference handle = new PointerByReference();
            check(library.rados_create2(handle, CLUSTER_NAME, config.clientName(), 0), "creating a librados handle");
            Pointer cluster = requireNonNull(handle.getValue(), "rados_create2 returned no handle");
            try {
                configure(cluster);
                connect(cluster);
                String fsid = readFsid(cluster);
                synchronized (this) {
                    if (!abandoned) {
                        connectedCluster = cluster;
                        return new Connected(cluster, fsid);
                    }
                }
                throw new RadosTimeoutException("connected after the caller gave up", 0, "");
            } catch (RuntimeException e) {
                library.rados_shutdown(cluster);
                throw e;
            }
        }

        synchronized void abandon() {
            abandoned = true;
            Pointer cluster = connectedCluster;
            if (cluster != null) {
                connectedCluster = null;
                JnaRadosClient.shutdownHandle(library, cluster, "rados-abandoned-shutdown");
            }
        }

        private void configure(Pointer cluster) {
            String confFile = config.confFile().toString();
            check(library.rados_conf_read_file(cluster, confFile), "reading the Ceph configuration " + confFile);
            config.keyring().ifPresent(keyring -> set(cluster, "keyring", keyring.toString()));
            String seconds = Long.toString(Math.max(1, ceilSeconds(config.operationTimeout())));
            set(cluster, "client_mount_timeout", seconds);
            set(cluster, "rados_mon_op_timeout", seconds);
            set(cluster, "rados_osd_op_timeout", seconds);
        }

        private void connect(Pointer cluster) {
            int returnCode = library.rados_connect(cluster);
            if (AUTHENTICATION_ERRNOS.contains(returnCode)) {
                throw new RadosException(
                        "authentication failed for " + config.clientName() + " (check the keyring"
                                + config.keyring().map(keyring -> " " + keyring).orElse("") + ")",
                        returnCode,
                        "");
            }
            if (returnCode == ETIMEDOUT) {
                throw new RadosTimeoutException(
                        "no monitor of " + config.confFile() + " answered within "
                                + config.operationTimeout().toMillis() + " ms (is the cluster up and the mon host"
                                + " address right?)",
                        returnCode,
                        "");
            }
            check(returnCode, "connecting as " + config.clientName() + " with " + config.confFile());
        }

        private String readFsid(Pointer cluster) {
            byte[] buffer = new byte[64];
            int length = library.rados_cluster_fsid(cluster, buffer, new NativeLong(buffer.length));
            check(length, "reading the cluster fsid");
            return new String(buffer, 0, length, StandardCharsets.US_ASCII);
        }

        private void set(Pointer cluster, String option, String value) {
            check(library.rados_conf_set(cluster, option, value), "setting librados option " + option + "=" + value);
        }

        private static long ceilSeconds(Duration duration) {
            return duration.plusNanos(999_999_999).toSeconds();
        }

        private static void check(int returnCode, String what) {
            if (returnCode < 0) {
                throw new RadosException(what + " failed", returnCode, "");
            }
        }
    }
}
