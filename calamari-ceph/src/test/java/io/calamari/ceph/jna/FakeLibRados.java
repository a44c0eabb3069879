package io.calamari.ceph.jna;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A librados that answers every command with {@code {"ok":true}} and status {@code "done"} from buffers it tracks,
 * and that can be told to hang in {@code rados_connect} or the command functions until {@link #release()}, ignoring
 * interrupts as native code does. It keeps the log callback it was given, as librados does, and {@link #log} calls it
 * the way librados would.
 */
@SuppressWarnings("MethodName")
final class FakeLibRados implements LibRados {
    static final String FSID = "00000000-1111-2222-3333-444444444444";

    final Map<String, String> options = new ConcurrentHashMap<>();
    final Map<Long, Memory> liveBuffers = new ConcurrentHashMap<>();
    final AtomicInteger shutdowns = new AtomicInteger();
    final AtomicInteger commandsEntered = new AtomicInteger();
    volatile boolean hangConnect;
    volatile boolean hangCommands;
    volatile int connectResult;
    volatile int monitorLogResult;
    /** The level of each {@code rados_monitor_log2} call, "-" for an unsubscription. */
    final List<String> monitorLogCalls = new CopyOnWriteArrayList<>();

    private volatile @Nullable LogCallback logCallback;
    private final CountDownLatch release = new CountDownLatch(1);

    void release() {
        release.countDown();
    }

    @Override
    public int rados_create2(PointerByReference cluster, String clusterName, String name, long flags) {
        cluster.setValue(new Memory(8));
        return 0;
    }

    @Override
    public int rados_conf_read_file(Pointer cluster, String path) {
        return 0;
    }

    @Override
    public int rados_conf_set(Pointer cluster, String option, String value) {
        options.put(option, value);
        return 0;
    }

    @Override
    public int rados_connect(Pointer cluster) {
        if (hangConnect) {
            awaitRelease();
        }
        return connectResult;
    }

    @Override
    public int rados_cluster_fsid(Pointer cluster, byte[] buffer, NativeLong length) {
        byte[] fsid = FSID.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(fsid, 0, buffer, 0, fsid.length);
        return fsid.length;
    }

    @Override
    public int rados_mon_command(
            Pointer cluster,
            String[] command,
            NativeLong commandLength,
            Pointer input,
            NativeLong inputLength,
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength) {
        return answer(output, outputLength, status, statusLength);
    }

    @Override
    public int rados_mgr_command(
            Pointer cluster,
            String[] command,
            NativeLong commandLength,
            Pointer input,
            NativeLong inputLength,
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength) {
        return answer(output, outputLength, status, statusLength);
    }

    @Override
    public int rados_osd_command(
            Pointer cluster,
            int osdId,
            String[] command,
            NativeLong commandLength,
            Pointer input,
            NativeLong inputLength,
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength) {
        return answer(output, outputLength, status, statusLength);
    }

    @Override
    public int rados_monitor_log2(
            Pointer cluster, String level, @Nullable LogCallback callback, @Nullable Pointer argument) {
        monitorLogCalls.add(callback == null ? "-" : level);
        if (monitorLogResult < 0) {
            return monitorLogResult;
        }
        logCallback = callback;
        return 0;
    }

    /** Delivers one entry to the current log callback, if any, as librados does ({@code who} before {@code name}). */
    void log(String channel, String entity, String instance, long seq, String priority, String message) {
        LogCallback callback = logCallback;
        if (callback != null) {
            callback.invoke(
                    null,
                    text("line"),
                    text(channel),
                    text(instance),
                    text(entity),
                    1_795_305_890L,
                    377_659_508L,
                    seq,
                    text(priority),
                    text(message));
        }
    }

    private static Memory text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }

    @Override
    public void rados_buffer_free(Pointer buffer) {
        if (liveBuffers.remove(Pointer.nativeValue(buffer)) == null) {
            throw new AssertionError("freed a buffer librados did not hand out: " + buffer);
        }
    }

    @Override
    public void rados_shutdown(Pointer cluster) {
        shutdowns.incrementAndGet();
    }

    private int answer(
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength) {
        commandsEntered.incrementAndGet();
        if (hangCommands) {
            awaitRelease();
        }
        hand(output, outputLength, "{\"ok\":true}");
        hand(status, statusLength, "done");
        return 0;
    }

    private void hand(PointerByReference buffer, NativeLongByReference length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        liveBuffers.put(Pointer.nativeValue(memory), memory);
        buffer.setValue(memory);
        length.setValue(new NativeLong(bytes.length));
    }

    private void awaitRelease() {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
