package io.calamari.server.event;

import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.testkit.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many events a second the timeline stores, through the server's own writer ({@link EventLog},
 * batched transactions) into SQLite (the server's settings: WAL, synchronous=NORMAL) and into a
 * PostgreSQL with its durable defaults (fsync, synchronous commit). Two figures per database: a
 * burst of events recorded at once, stored in batches of up to 1,000; and single events, each
 * stored before the next is recorded (one transaction each), with the time from {@code record} to
 * committed. Run by {@code bench/events.sh}; prints a table. Not a test.
 */
public final class EventStoreBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    private EventStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int burst = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int singles = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        System.out.printf(
                "%-12s %14s %18s %16s %16s%n",
                "database", "burst events", "burst events/s", "single p50 ms", "single p99 ms");
        Path directory = Files.createTempDirectory("calamari-event-bench");
        run("SQLite", DatabaseConfig.sqliteIn(directory), burst, singles);
        PostgresServer postgres = PostgresServer.startDurable();
        try {
            run("PostgreSQL", DatabaseConfig.of(postgres.createDatabase()), burst, singles);
        } finally {
            postgres.close();
        }
    }

    private static void run(String name, DatabaseConfig config, int burst, int singles) throws Exception {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            EventStore store = new EventStore(database.jdbi());
            AtomicLong batches = new AtomicLong();
            Object stored = new Object();
            EventLog log = new EventLog(store, Duration.ofMillis(200), Duration.ofDays(3650), Clock.systemUTC(), () -> {
                synchronized (stored) {
                    batches.incrementAndGet();
                    stored.notifyAll();
                }
            });
            log.start();
            record(log, store, 5_000, 0);

            long before = store.count(EventFilter.all());
            long started = System.nanoTime();
            record(log, store, burst, before);
            double seconds = (System.nanoTime() - started) / 1e9;

            long[] micros = new long[singles];
            for (int index = 0; index < singles; index++) {
                long batchesBefore = batches.get();
                long sent = System.nanoTime();
                log.record(event(index));
                synchronized (stored) {
                    while (batches.get() == batchesBefore) {
                        stored.wait(1000);
                    }
                }
                micros[index] = (System.nanoTime() - sent) / 1000;
            }
            Arrays.sort(micros);
            log.close();
            System.out.printf(
                    "%-12s %14d %18.0f %16.2f %16.2f%n",
                    name, burst, burst / seconds, micros[singles / 2] / 1000.0, micros[singles * 99 / 100] / 1000.0);
        }
    }

    /** Records {@code count} events at once and waits until the store holds them all. */
    private static void record(EventLog log, EventStore store, int count, long already) throws InterruptedException {
        for (int index = 0; index < count; index++) {
            log.record(event(index));
        }
        while (store.count(EventFilter.all()) < already + count) {
            Thread.sleep(5);
        }
    }

    /** An OSD event as the detector makes them: cluster, host, service. */
    private static Event event(int index) {
        int osd = index % 10_000;
        return Event.service(
                T0.plusMillis(index),
                index % 2 == 0 ? Severity.WARNING : Severity.RECOVERY,
                "OSD ceph." + osd + (index % 2 == 0 ? " went down" : " came up") + " (on node" + osd / 10 + ")",
                "56bd728b-177f-4ec7-aa9b-9dbca4741b70",
                Optional.of("node" + osd / 10),
                "osd",
                Integer.toString(osd));
    }
}
