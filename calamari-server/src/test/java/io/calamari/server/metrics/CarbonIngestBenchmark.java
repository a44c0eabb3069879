package io.calamari.server.metrics;

import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.PointSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plaintext ingest through loopback into a sink that only counts: Ceph-like names ({@code
 * ceph.cluster.<fsid>.osd.<n>.<counter>}, {@code servers.node<N>.cpu.total.user}...), a fixed set of
 * distinct series each sent once per 10-second step, from several connections. Prints points/s
 * and CPU-seconds per million points, for the listener thread alone and for the whole process
 * (which includes the senders); then the same points as pickle frames of 1,000 points; then the
 * plaintext bytes decoded without sockets. Run by {@code bench/carbon-ingest.sh}. Not a test.
 */
public final class CarbonIngestBenchmark {
    private static final String FSID = "8a7c9f2e-5d1b-4c3a-9e8f-0b1c2d3e4f50";
    private static final String[] OSD_COUNTERS = {
        "op_r",
        "op_w",
        "op_rw",
        "op_in_bytes",
        "op_out_bytes",
        "op_latency",
        "op_r_latency",
        "op_w_latency",
        "subop",
        "subop_w",
        "recovery_ops",
        "numpg",
        "numpg_primary",
        "stat_bytes",
        "stat_bytes_used",
        "stat_bytes_avail",
        "apply_latency_ms",
        "commit_latency_ms",
        "buffer_bytes",
        "heartbeat_to_peers"
    };
    private static final String[] HOST_METRICS = {
        "cpu.total.user",
        "cpu.total.system",
        "cpu.total.idle",
        "cpu.total.iowait",
        "memory.MemFree",
        "memory.Cached",
        "memory.Buffers",
        "loadavg.01",
        "loadavg.05",
        "loadavg.15",
        "network.eth0.rx_byte",
        "network.eth0.tx_byte",
        "iostat.sda.reads_per_second",
        "iostat.sda.writes_per_second",
        "iostat.sda.util_percentage",
        "diskspace.root.byte_free",
        "diskspace.root.byte_used",
        "vmstat.pgpgin",
        "vmstat.pgpgout",
        "tcp.CurrEstab"
    };

    private CarbonIngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> names = names(series);
        List<byte[]> payloads = payloads(names, connections, 10);
        CountingSink sink = new CountingSink();
        ServerConfig config = ServerConfig.defaults(Path.of("unused"), 0).withCarbon(CarbonConfig.anyFreePorts());
        try (CarbonListeners listeners =
                new CarbonListeners(config, sink, new SimpleMeterRegistry(), Clock.systemUTC())) {
            listeners.start();
            int port = listeners.plaintextPort().orElseThrow();
            System.out.printf("%d series, %d steps of 10 s, %d connections%n", series, steps, connections);
            run("warm-up", port, "carbon-plaintext", payloads, Math.max(1, steps / 5), series, sink);
            for (int round = 1; round <= 3; round++) {
                run("run " + round, port, "carbon-plaintext", payloads, steps, series, sink);
            }
            List<byte[]> frames = pickled(names, connections, 10);
            int picklePort = listeners.picklePort().orElseThrow();
            run("pickle warm-up", picklePort, "carbon-pickle", frames, Math.max(1, steps / 5), series, sink);
            for (int round = 1; round <= 3; round++) {
                run("pickle " + round, picklePort, "carbon-pickle", frames, steps, series, sink);
            }
        }
        for (int round = 1; round <= 3; round++) {
            decodeOnly(payloads, steps, series);
        }
    }

    /** The same bytes through decoder and collector on this thread, without sockets: the parsing cost alone. */
    private static void decodeOnly(List<byte[]> payloads, int steps, int series) {
        CountingSink sink = new CountingSink();
        PointCollector collector = new PointCollector(
                sink,
                new CarbonCounters(CarbonProtocol.PLAINTEXT, new SimpleMeterRegistry()),
                Clock.systemUTC(),
                8192,
                1 << 20,
                1_000_000_000L);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int repeat = 0; repeat < steps / 10; repeat++) {
            for (byte[] payload : payloads) {
                io.calamari.protocol.graphite.PlaintextDecoder decoder =
                        new io.calamari.protocol.graphite.PlaintextDecoder();
                for (int offset = 0; offset < payload.length; offset += 65536) {
                    decoder.decode(payload, offset, Math.min(65536, payload.length - offset), collector);
                }
            }
            collector.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double millions = sink.points.get() / 1e6;
        System.out.printf(
                "decode         %,12d points in %6.2f s: %,12.0f points/s; CPU-s per million points: %.3f (no sockets;"
                        + " %,d name look-ups)%n",
                sink.points.get(),
                seconds,
                millions * 1e6 / seconds,
                (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9 / millions,
                sink.lookups.get());
    }

    private static void run(
            String label, int port, String thread, List<byte[]> payloads, int steps, int series, CountingSink sink)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long listenerThread = listenerThreadId(thread);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long expected = sink.points.get() + (long) steps * series;
        long listenerCpuBefore = threads.getThreadCpuTime(listenerThread);
        long processCpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (byte[] payload : payloads) {
            Thread sender = new Thread(() -> send(port, payload, steps / 10), "sender");
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        while (sink.points.get() < expected) {
            Thread.onSpinWait();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double millions = (double) steps * series / 1e6;
        double listenerCpu = (threads.getThreadCpuTime(listenerThread) - listenerCpuBefore) / 1e9;
        double processCpu = (os.getProcessCpuTime() - processCpuBefore) / 1e9;
        System.out.printf(
                "%-14s %,12d points in %6.2f s: %,12.0f points/s; CPU-s per million points: listener %.3f, process %.3f%n",
                label,
                steps * (long) series,
                seconds,
                millions * 1e6 / seconds,
                listenerCpu / millions,
                processCpu / millions);
    }

    /** Sends the ten-step payload {@code repeats} times. */
    private static void send(int port, byte[] payload, int repeats) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < repeats; i++) {
                out.write(payload);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long listenerThreadId(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return thread.getId();
            }
        }
        throw new IllegalStateException("no thread " + name);
    }

    static List<String> names(int count) {
        List<String> names = new ArrayList<>(count);
        int hostSeries = count * 2 / 5;
        for (int i = 0; names.size() < hostSeries; i++) {
            names.add("servers.node" + (i / HOST_METRICS.length) + "." + HOST_METRICS[i % HOST_METRICS.length]);
        }
        for (int i = 0; names.size() < count; i++) {
            names.add("ceph.cluster." + FSID + ".osd." + (i / OSD_COUNTERS.length) + "."
                    + OSD_COUNTERS[i % OSD_COUNTERS.length]);
        }
        return names;
    }

    /** Per connection, ten 10-second steps of its share of the series, as Diamond and Ceph would write them. */
    static List<byte[]> payloads(List<String> names, int connections, int steps) {
        long t0 = 1_800_000_000L;
        List<byte[]> payloads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int step = 0; step < steps; step++) {
                StringBuilder lines = new StringBuilder();
                for (int i = c; i < names.size(); i += connections) {
                    String value =
                            i % 3 == 0 ? Long.toString(1_000_000L + 37L * i + step) : (i % 97) + "." + (step % 100);
                    lines.append(names.get(i))
                            .append(' ')
                            .append(value)
                            .append(' ')
                            .append(t0 + 10L * step)
                            .append('\n');
                }
                out.writeBytes(lines.toString().getBytes(StandardCharsets.US_ASCII));
            }
            payloads.add(out.toByteArray());
        }
        return payloads;
    }

    /**
     * The same points as pickle frames of up to 1,000 points, as a carbon-relay sends them: protocol 2,
     * a list of (BINUNICODE path, (BININT timestamp, BINFLOAT value)) built with MARK/APPENDS.
     */
    static List<byte[]> pickled(List<String> names, int connections, int steps) {
        long t0 = 1_800_000_000L;
        List<byte[]> payloads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer frame = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int inFrame = 0;
            for (int step = 0; step < steps; step++) {
                for (int i = c; i < names.size(); i += connections) {
                    if (inFrame == 0) {
                        frame.clear();
                        frame.put((byte) 0x80).put((byte) 2).put((byte) ']').put((byte) '(');
                    }
                    byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
                    frame.put((byte) 'X').putInt(name.length).put(name);
                    frame.put((byte) 'J').putInt((int) (t0 + 10L * step));
                    frame.put((byte) 'G').order(ByteOrder.BIG_ENDIAN).putDouble(i % 97 + step / 100.0);
                    frame.order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x86).put((byte) 0x86);
                    if (++inFrame == 1000 || (step == steps - 1 && i + connections >= names.size())) {
                        frame.put((byte) 'e').put((byte) '.');
                        out.writeBytes(
                                ByteBuffer.allocate(4).putInt(frame.position()).array());
                        out.write(frame.array(), 0, frame.position());
                        inFrame = 0;
                    }
                }
            }
            payloads.add(out.toByteArray());
        }
        return payloads;
    }

    /** Hands out ids and counts points; stores nothing. */
    private static final class CountingSink implements PointSink {
        private final Map<String, Integer> ids = new ConcurrentHashMap<>();
        private final AtomicInteger nextId = new AtomicInteger();
        final AtomicLong points = new AtomicLong();
        final AtomicLong lookups = new AtomicLong();

        @Override
        public int seriesId(String name) {
            lookups.incrementAndGet();
            return ids.computeIfAbsent(name, key -> nextId.getAndIncrement());
        }

        @Override
        public void write(PointBatch batch) {
            points.addAndGet(batch.size());
        }
    }
}
