package io.calamari.ceph.jna;

import static java.util.Objects.requireNonNull;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.protocol.Json;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link RadosClient} over one connected librados handle.
 *
 * <p>Every native call runs on the client's {@link NativeCallExecutor} and is bounded twice: by librados's own
 * timeouts (set from {@code operationTimeout} when connecting) and by the caller's {@code timeout} on the Java side.
 * Output buffers librados allocates are always released with {@code rados_buffer_free}. A command that Ceph refuses
 * returns its negative return code in the {@link CommandResult}; only {@code -110 ETIMEDOUT} is turned into a
 * {@link RadosTimeoutException}.
 *
 * <p>Thread-safety: thread-safe; up to {@value NativeCallExecutor#THREADS} commands run at once and a few more wait.
 * {@link #close()} may race with commands: they then fail with {@link RadosException}, never touch a shut handle. The
 * cluster-log subscription is kept by a {@link ClusterLogFeed}.
 */
final class JnaRadosClient implements RadosClient {
    private static final Logger LOG = LoggerFactory.getLogger(JnaRadosClient.class);
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final int ETIMEDOUT = -110;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final LibRados library;
    private final NativeCallExecutor executor;
    private final Pointer cluster;
    private final String fsid;
    private final ClusterLogFeed logFeed;
    private final AtomicBoolean closed = new AtomicBoolean();

    JnaRadosClient(LibRados library, NativeCallExecutor executor, Pointer cluster, String fsid) {
        this.library = requireNonNull(library, "library");
        this.executor = requireNonNull(executor, "executor");
        this.cluster = requireNonNull(cluster, "cluster");
        this.fsid = requireNonNull(fsid, "fsid");
        this.logFeed = new ClusterLogFeed(library, executor, cluster, fsid, SUBSCRIBE_TIMEOUT);
    }

    @Override
    public CommandResult monCommand(Map<String, Object> command, byte[] input, Duration timeout) {
        @Nullable Pointer buffer = input.length == 0 ? null : inputBuffer(input);
        return send("mon", command, timeout, (json, out, outLength, status, statusLength) -> {
            int returnCode = library.rados_mon_command(
                    cluster,
                    json,
                    new NativeLong(json.length),
                    buffer,
                    new NativeLong(input.length),
                    out,
                    outLength,
                    status,
                    statusLength);
            // librados reads the input during the call, so the buffer must not be collected before it returns.
            Reference.reachabilityFence(buffer);
            return returnCode;
        });
    }

    @Override
    public CommandResult mgrCommand(Map<String, Object> command, Duration timeout) {
        return send(
                "mgr",
                command,
                timeout,
                (json, out, outLength, status, statusLength) -> library.rados_mgr_command(
                        cluster,
                        json,
                        new NativeLong(json.length),
                        null,
                        new NativeLong(0),
                        out,
                        outLength,
                        status,
                        statusLength));
    }

    @Override
    public CommandResult osdCommand(int osdId, Map<String, Object> command, Duration timeout) {
        if (osdId < 0) {
            throw new IllegalArgumentException("osdId must not be negative, was " + osdId);
        }
        return send(
                "osd." + osdId,
                command,
                timeout,
                (json, out, outLength, status, statusLength) -> library.rados_osd_command(
                        cluster,
                        osdId,
                        json,
                        new NativeLong(json.length),
                        null,
                        new NativeLong(0),
                        out,
                        outLength,
                        status,
                        statusLength));
    }

    @Override
    public LogSubscription monitorLog(ClusterLogLevel level, Consumer<ClusterLogEntry> listener) {
        requireNonNull(level, "level");
        if (closed.get()) {
            throw new RadosException("following the cluster log: the client is closed", 0, "");
        }
        return logFeed.subscribe(level, listener);
    }

    @Override
    public String fsid() {
        return fsid;
    }

    /**
     * Shuts librados down once no native call is running any more. When a call is still hung after a short grace
     * period, the handle is leaked rather than freed under it, and a warning is logged.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!executor.shutdown(CLOSE_GRACE)) {
            LOG.warn(
                    "A librados call for cluster {} is still running {} s after close(); leaking its handle instead"
                            + " of shutting it down under the call",
                    fsid,
                    CLOSE_GRACE.toSeconds());
            return;
        }
        if (shutdownHandle(library, cluster, "rados-" + fsid + "-shutdown")) {
            logFeed.shutDown();
        }
    }

    /**
     * Runs {@code rados_shutdown} on its own daemon thread and waits a bounded time for it.
     *
     * @return whether it returned in time
     */
    static boolean shutdownHandle(LibRados library, Pointer cluster, String threadName) {
        Thread shutdown = new Thread(() -> library.rados_shutdown(cluster), threadName);
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutdown.isAlive()) {
            LOG.warn("rados_shutdown has not returned after {} s; leaving it running", SHUTDOWN_TIMEOUT.toSeconds());
            return false;
        }
        return true;
    }

    private CommandResult send(String target, Map<String, Object> command, Duration timeout, NativeCommand call) {
        requireNonNull(command, "command");
        requireNonNull(timeout, "timeout");
        String json = toJson(command);
        String what = target + " command " + json;
        if (closed.get()) {
            throw new RadosException(what + ": the client is closed", 0, "");
        }
        CommandResult result = executor.call(what, () -> invoke(call, json), timeout);
        if (result.returnCode() == ETIMEDOUT) {
            throw new RadosTimeoutException(what + " timed out in librados", ETIMEDOUT, result.status());
        }
        return result;
    }

    private CommandResult invoke(NativeCommand call, String json) {
        PointerByReference output = new PointerByReference();
        NativeLongByReference outputLength = new NativeLongByReference(new NativeLong(0));
        PointerByReference status = new PointerByReference();
        NativeLongByReference statusLength = new NativeLongByReference(new NativeLong(0));
        int returnCode = 0;
        try {
            returnCode = call.run(new String[] {json}, output, outputLength, status, statusLength);
            byte[] outputBytes = read(output.getValue(), outputLength.getValue());
            String statusText = new String(read(status.getValue(), statusLength.getValue()), StandardCharsets.UTF_8);
            return new CommandResult(returnCode, outputBytes, statusText);
        } finally {
            free(output.getValue());
            free(status.getValue());
        }
    }

    private static Pointer inputBuffer(byte[] input) {
        Memory buffer = new Memory(input.length);
        buffer.write(0, input, 0, input.length);
        return buffer;
    }

    private static byte[] read(@Nullable Pointer buffer, NativeLong length) {
        long size = length.longValue();
        if (buffer == null || size <= 0) {
            return new byte[0];
        }
        if (size > Integer.MAX_VALUE) {
            throw new RadosException("librados returned a buffer of " + size + " bytes, too large to read", 0, "");
        }
        return buffer.getByteArray(0, (int) size);
    }

    private void free(@Nullable Pointer buffer) {
        if (buffer != null) {
            library.rados_buffer_free(buffer);
        }
    }

    private static String toJson(Map<String, Object> command) {
        try {
            return MAPPER.writeValueAsString(command);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("command cannot be written as JSON: " + command, e);
        }
    }

    /** One of the three {@code rados_*_command} functions with the handle (and OSD id) bound. */
    @FunctionalInterface
    private interface NativeCommand {
        int run(
                String[] command,
                PointerByReference output,
                NativeLongByReference outputLength,
                PointerByReference status,
                NativeLongByReference statusLength);
    }
}
