package io.calamari.server.cluster;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Passes monitor and manager commands on to another client and notes each one's prefix and how
 * long the answer took. Closing it leaves the other client open. Not thread-safe.
 */
final class RecordingRadosClient implements RadosClient {
    private final RadosClient delegate;
    private final List<String> prefixes = new ArrayList<>();
    private final Map<String, Long> nanosByPrefix = new LinkedHashMap<>();

    RecordingRadosClient(RadosClient delegate) {
        this.delegate = delegate;
    }

    /** The prefixes sent since the last {@link #clear()}, in order. */
    List<String> prefixes() {
        return List.copyOf(prefixes);
    }

    /** The time each prefix's answers took since the last {@link #clear()}, in order of first use. */
    Map<String, Long> nanosByPrefix() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(nanosByPrefix));
    }

    void clear() {
        prefixes.clear();
        nanosByPrefix.clear();
    }

    private CommandResult recorded(Map<String, Object> command, Supplier<CommandResult> call) {
        String prefix = String.valueOf(command.get("prefix"));
        long start = System.nanoTime();
        CommandResult result = call.get();
        prefixes.add(prefix);
        nanosByPrefix.merge(prefix, System.nanoTime() - start, Long::sum);
        return result;
    }

    @Override
    public CommandResult monCommand(Map<String, Object> command, byte[] input, Duration timeout) {
        return recorded(command, () -> delegate.monCommand(command, input, timeout));
    }

    @Override
    public CommandResult mgrCommand(Map<String, Object> command, Duration timeout) {
        return recorded(command, () -> delegate.mgrCommand(command, timeout));
    }

    @Override
    public CommandResult osdCommand(int osdId, Map<String, Object> command, Duration timeout) {
        return recorded(command, () -> delegate.osdCommand(osdId, command, timeout));
    }

    @Override
    public String fsid() {
        return delegate.fsid();
    }

    @Override
    public void close() {}
}
