package io.calamari.ceph.jna;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * The part of librados.h ({@code librados.so.2}) that Calamari uses, mapped one to one. {@code rados_t} is a
 * {@link Pointer}; {@code size_t} is a {@link NativeLong} (the same width on Linux); {@code const char **cmd} is a
 * {@code String[]}. Every {@code char **outbuf} / {@code char **outs} that librados fills must be released with
 * {@link #rados_buffer_free}. Functions return 0 (or a length) on success and a negative errno on failure.
 *
 * <p>Thread-safety: librados allows concurrent commands on one connected handle; creating, configuring, connecting
 * and shutting down a handle must not overlap other calls on it.
 */
@SuppressWarnings("MethodName") // the C names, so that JNA finds the symbols
interface LibRados extends Library {

    /** {@code int rados_create2(rados_t *pcluster, const char *clustername, const char *name, uint64_t flags)}. */
    int rados_create2(PointerByReference cluster, String clusterName, String name, long flags);

    /** {@code int rados_conf_read_file(rados_t cluster, const char *path)}. */
    int rados_conf_read_file(Pointer cluster, String path);

    /** {@code int rados_conf_set(rados_t cluster, const char *option, const char *value)}. */
    int rados_conf_set(Pointer cluster, String option, String value);

    /** {@code int rados_connect(rados_t cluster)}. */
    int rados_connect(Pointer cluster);

    /** {@code int rados_cluster_fsid(rados_t cluster, char *buf, size_t len)}: returns the fsid's length. */
    int rados_cluster_fsid(Pointer cluster, byte[] buffer, NativeLong length);

    /**
     * {@code int rados_mon_command(rados_t cluster, const char **cmd, size_t cmdlen, const char *inbuf, size_t
     * inbuflen, char **outbuf, size_t *outbuflen, char **outs, size_t *outslen)}.
     */
    int rados_mon_command(
            Pointer cluster,
            String[] command,
            NativeLong commandLength,
            @Nullable Pointer input,
            NativeLong inputLength,
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength);

    /** {@code int rados_mgr_command(...)}: the same parameters as {@link #rados_mon_command}. */
    int rados_mgr_command(
            Pointer cluster,
            String[] command,
            NativeLong commandLength,
            @Nullable Pointer input,
            NativeLong inputLength,
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength);

    /** {@code int rados_osd_command(rados_t cluster, int osdid, const char **cmd, ...)}: as above plus the OSD id. */
    int rados_osd_command(
            Pointer cluster,
            int osdId,
            String[] command,
            NativeLong commandLength,
            @Nullable Pointer input,
            NativeLong inputLength,
            PointerByReference output,
            NativeLongByReference outputLength,
            PointerByReference status,
            NativeLongByReference statusLength);

    /**
     * {@code int rados_monitor_log2(rados_t cluster, const char *level, rados_log_callback2_t cb, void *arg)}:
     * subscribes the handle's one log callback to cluster-log entries of at least {@code level} ({@code debug},
     * {@code info}, {@code warn}, {@code error}, {@code sec}), replacing an earlier one; a null callback unsubscribes.
     * librados calls the callback with its own lock held, so once this returns a replaced callback is not called again.
     */
    int rados_monitor_log2(Pointer cluster, String level, @Nullable LogCallback callback, @Nullable Pointer argument);

    /**
     * {@code void (*rados_log_callback2_t)(void *arg, const char *line, const char *channel, const char *who, const
     * char *name, uint64_t sec, uint64_t nsec, uint64_t seq, const char *level, const char *msg)}: {@code who} is the
     * logger's rank and addresses ({@code mgr.4102 127.0.0.1:0/14634}), {@code name} the logger ({@code mgr.x}),
     * {@code line} is {@code "<stamp> <name> <level> <msg>"} and {@code level} is printed as {@code [INF]}. (Ceph's
     * Python binding names the two the other way round.) The strings are UTF-8, so they
     * are taken as pointers and decoded by the receiver.
     */
    interface LogCallback extends Callback {
        void invoke(
                @Nullable Pointer argument,
                @Nullable Pointer line,
                @Nullable Pointer channel,
                @Nullable Pointer who,
                @Nullable Pointer name,
                long seconds,
                long nanoseconds,
                long seq,
                @Nullable Pointer level,
                @Nullable Pointer message);
    }

    /** {@code void rados_buffer_free(char *buf)}. */
    void rados_buffer_free(Pointer buffer);

    /** {@code void rados_shutdown(rados_t cluster)}: also required after a failed connect. */
    void rados_shutdown(Pointer cluster);
}
