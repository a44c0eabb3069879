package io.calamari.tsdb.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A carbon plaintext load: SERIES Ceph-like series ({@link StoreBenchmark#name}) at 10 s steps,
 * STEPS steps ending at END (epoch seconds), over CONNECTIONS connections, as fast as the receiver
 * reads. Prints the points sent and the seconds taken; a receiver that goes away (the kill -9 run)
 * ends the run, and the points counted are those whose bytes the kernel accepted. The same load
 * for carbon-cache and for Calamari, in the same run of {@code bench/tsdb-vs-carbon.sh}.
 *
 * <p>Usage: {@code CarbonSender HOST PORT SERIES STEPS END [CONNECTIONS]}
 */
public final class CarbonSender {
    private CarbonSender() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int series = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        long end = Long.parseLong(args[4]);
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c;
            Thread thread = new Thread(
                    () -> {
                        try {
                            send(host, port, series, steps, end, first, connections, sent);
                        } catch (IOException e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        }
                    },
                    "sender-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "sent %d points in %.3f s (%.0f points/s)%s%n",
                sent.get(),
                seconds,
                sent.get() / seconds,
                failures.isEmpty() ? "" : "; the receiver went away: " + failures.get(0));
    }

    private static void send(
            String host, int port, int series, int steps, long end, int first, int stride, AtomicLong sent)
            throws IOException {
        byte[][] names = new byte[(series - first + stride - 1) / stride][];
        for (int i = first, k = 0; i < series; i += stride, k++) {
            names[k] = (StoreBenchmark.name(i) + " ").getBytes(StandardCharsets.US_ASCII);
        }
        double[] state = new double[series];
        Random random = new Random(first);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            long start = end - (steps - 1) * 10L;
            long pending = 0;
            StringBuilder line = new StringBuilder(64);
            for (int step = 0; step < steps; step++) {
                byte[] time = (" " + (start + step * 10L) + "\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = first, k = 0; i < series; i += stride, k++) {
                    out.write(names[k]);
                    line.setLength(0);
                    double value = StoreBenchmark.value(i, state, random);
                    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                        line.append((long) value);
                    } else {
                        line.append(value);
                    }
                    for (int j = 0; j < line.length(); j++) {
                        out.write(line.charAt(j));
                    }
                    out.write(time);
                    if (++pending == 4_096) {
                        out.flush();
                        sent.addAndGet(pending);
                        pending = 0;
                    }
                }
            }
            out.flush();
            sent.addAndGet(pending);
        }
    }
}
