package io.calamari.ceph.jna;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A librados that answers every command with {@code {"ok":true}} and status {@code "done"} from buffers it tracks,
 * and that can be told to hang in {@code rados_connect} or the command functions until {@link #release()}, ignoring
 * interrupts as native code does.
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
