package io.calamari.ceph.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.ceph.rados.RadosUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java-side guarantees (bounded waits, bounded threads, freed buffers, safe close) against a fake librados. */
class JnaRadosClientBoundsTest {
    private static final Map<String, Object> STATUS = Map.of("prefix", "status", "format", "json");
    private static final Duration QUICK = Duration.ofMillis(200);

    private final FakeLibRados library = new FakeLibRados();
    private ClusterConnection config;

    @BeforeEach
    void writeFiles(@TempDir Path directory) throws IOException {
        Path conf = Files.writeString(directory.resolve("ceph.conf"), "[global]\n");
        Path keyring = Files.writeString(directory.resolve("admin.keyring"), "");
        config = ClusterConnection.admin(conf).withKeyring(keyring).withOperationTimeout(Duration.ofMillis(2500));
    }

    @AfterEach
    void releaseHungCalls() {
        library.release();
    }

    @Test
    void connectAppliesKeyringAndTimeoutsAndCommandsFreeEveryBuffer() {
        try (RadosClient client = RadosConnector.connect(library, config)) {
            CommandResult result = client.monCommand(STATUS, QUICK);
            client.mgrCommand(STATUS, QUICK);
            client.osdCommand(1, STATUS, QUICK);

            assertThat(client.fsid()).isEqualTo(FakeLibRados.FSID);
            assertThat(result).isEqualTo(new CommandResult(0, "{\"ok\":true}".getBytes(), "done"));
            assertThat(library.liveBuffers).isEmpty();
            assertThat(library.options)
                    .containsEntry("keyring", config.keyring().orElseThrow().toString())
                    .containsEntry("client_mount_timeout", "3")
                    .containsEntry("rados_mon_op_timeout", "3")
                    .containsEntry("rados_osd_op_timeout", "3");
        }
        assertThat(library.shutdowns).hasValue(1);
    }

    @Test
    void hungCommandTimesOutWithoutHoldingTheCaller() {
        library.hangCommands = true;
        try (RadosClient client = RadosConnector.connect(library, config)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.monCommand(STATUS, QUICK))
                    .isInstanceOf(RadosTimeoutException.class)
                    .hasMessageContaining("timed out after 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void hungCallsKeepTwoThreadsAndRefuseCallsBeyondTheQueue() throws Exception {
        library.hangCommands = true;
        NativeCallExecutor executor = new NativeCallExecutor("bounds-test");
        ExecutorService callers = Executors.newFixedThreadPool(NativeCallExecutor.QUEUE_CAPACITY);
        try {
            for (int i = 0; i < NativeCallExecutor.THREADS; i++) {
                assertThatThrownBy(() -> executor.call("hung", this::hangingCall, QUICK))
                        .isInstanceOf(RadosTimeoutException.class);
            }
            List<Future<Integer>> waiting = new ArrayList<>();
            for (int i = 0; i < NativeCallExecutor.QUEUE_CAPACITY; i++) {
                waiting.add(callers.submit(() -> executor.call("queued", () -> 7, Duration.ofSeconds(30))));
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(executor::queuedCalls, queued -> queued == NativeCallExecutor.QUEUE_CAPACITY);

            assertThatThrownBy(() -> executor.call("one too many", () -> 0, Duration.ofSeconds(30)))
                    .isInstanceOf(RadosTimeoutException.class)
                    .hasMessageContaining("busy");
            assertThat(threadsNamed("rados-bounds-test-")).isEqualTo(NativeCallExecutor.THREADS);

            library.release();
            for (Future<Integer> call : waiting) {
                assertThat(call.get()).isEqualTo(7);
            }
        } finally {
            callers.shutdownNow();
            executor.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void closeLeaksTheHandleWhileACallIsStillHung() {
        library.hangCommands = true;
        RadosClient client = RadosConnector.connect(library, config);
        assertThatThrownBy(() -> client.monCommand(STATUS, QUICK)).isInstanceOf(RadosTimeoutException.class);

        long start = System.nanoTime();
        client.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(library.shutdowns).hasValue(0);
        assertThatThrownBy(() -> client.monCommand(STATUS, QUICK))
                .isInstanceOf(RadosException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closingTwiceShutsLibradosDownOnce() {
        RadosClient client = RadosConnector.connect(library, config);

        client.close();
        client.close();

        assertThat(library.shutdowns).hasValue(1);
    }

    @Test
    void connectThatOutlivesTheCallerIsShutDownWhenLibradosReturns() {
        library.hangConnect = true;
        long start = System.nanoTime();

        assertThatThrownBy(() -> RadosConnector.connect(library, config)).isInstanceOf(RadosTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(config.operationTimeout().plusSeconds(RadosConnector.CONNECT_GRACE_SECONDS + 2));
        assertThat(library.shutdowns).hasValue(0);
        library.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> library.shutdowns.get() == 1);
    }

    @Test
    void authenticationErrorsNameTheClientAndKeyring() {
        library.connectResult = -13;

        assertThatThrownBy(() -> RadosConnector.connect(library, config))
                .isInstanceOf(RadosException.class)
                .hasMessageStartingWith("authentication failed for client.admin (check the keyring "
                        + config.keyring().orElseThrow())
                .hasMessageContaining("-13 EACCES");
        assertThat(library.shutdowns).hasValue(1);
    }

    @Test
    void missingLibradosTellsWhichPackageToInstall() {
        assertThatThrownBy(() -> LibRadosLoader.load("librados-that-does-not-exist.so.2"))
                .isInstanceOf(RadosUnavailableException.class)
                .hasMessageContaining("install the Debian package librados2");
    }

    private int hangingCall() {
        return library.rados_mon_command(
                new Memory(8),
                new String[] {"{}"},
                new NativeLong(1),
                null,
                new NativeLong(0),
                new PointerByReference(),
                new NativeLongByReference(),
                new PointerByReference(),
                new NativeLongByReference());
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .count();
    }
}
