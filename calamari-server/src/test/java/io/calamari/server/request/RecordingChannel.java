package io.calamari.server.request;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.server.cluster.ClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written {@link ClusterCommands} for tests of the request state machine (never of Ceph):
 * records every command, answers from a function ({@code osd stat} with a fixed epoch by default),
 * and can hold commands until released. Thread-safe.
 */
public final class RecordingChannel implements ClusterCommands {
    private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    private volatile Function<Map<String, Object>, CommandResult> answers;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger refreshes = new AtomicInteger();

    public RecordingChannel(long osdMapEpoch) {
        this.answers = command -> command.get("prefix").equals("osd stat")
                ? ok("{\"epoch\": " + osdMapEpoch + ", \"num_osds\": 3}")
                : ok("");
    }

    static CommandResult ok(String output) {
        return new CommandResult(0, output.getBytes(StandardCharsets.UTF_8), "");
    }

    void answer(Function<Map<String, Object>, CommandResult> function) {
        this.answers = function;
    }

    /** Commands block until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** The prefixes of the commands sent, {@code osd stat} excluded. */
    List<String> prefixes() {
        return sent.stream()
                .map(command -> String.valueOf(command.get("prefix")))
                .filter(prefix -> !prefix.equals("osd stat"))
                .toList();
    }

    int refreshes() {
        return refreshes.get();
    }

    @Override
    public CommandResult send(Target target, Map<String, Object> arguments, byte[] input, Duration timeout) {
        try {
            if (!gate.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RadosTimeoutException("held", -110, "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadosException("interrupted", 0, "");
        }
        sent.add(arguments);
        return answers.apply(arguments);
    }

    @Override
    public void refreshNow() {
        refreshes.incrementAndGet();
    }

    @Override
    public void refreshPlacementGroupsNow() {
        refreshes.incrementAndGet();
    }
}
