package io.calamari.server.cluster;

import io.calamari.ceph.parse.Fixtures;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake client answering from one recorded cluster state, switchable mid-test, that records every
 * command prefix it was sent. It stands in for Ceph only in tests of the monitor's own logic (what
 * to fetch when); everything about Ceph itself is tested against a real cluster.
 */
final class ReplayRadosClient implements RadosClient {
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("status", "status.json"),
            Map.entry("osd dump", "osd-dump.json"),
            Map.entry("osd tree", "osd-tree.json"),
            Map.entry("osd crush dump", "osd-crush-dump.json"),
            Map.entry("osd metadata", "osd-metadata.json"),
            Map.entry("mon dump", "mon-dump.json"),
            Map.entry("quorum_status", "quorum_status.json"),
            Map.entry("fs dump", "fs-dump.json"),
            Map.entry("health", "health-detail.json"),
            Map.entry("df", "df-detail.json"),
            Map.entry("pg dump", "pg-dump-pgs_brief.json"),
            Map.entry("config show-with-defaults", "daemon-config-show.json"));

    private volatile String directory;
    private volatile boolean hung;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    ReplayRadosClient(String directory) {
        this.directory = directory;
    }

    void answerFrom(String newDirectory) {
        directory = newDirectory;
    }

    /** From now on every command times out, as with a cluster whose monitors are gone. */
    void hang(boolean hang) {
        hung = hang;
    }

    List<String> sentSince(int index) {
        return List.copyOf(sent.subList(index, sent.size()));
    }

    int sentCount() {
        return sent.size();
    }

    @Override
    public CommandResult monCommand(Map<String, Object> command, byte[] input, Duration timeout) {
        return answer(command);
    }

    @Override
    public CommandResult mgrCommand(Map<String, Object> command, Duration timeout) {
        return answer(command);
    }

    @Override
    public CommandResult osdCommand(int osdId, Map<String, Object> command, Duration timeout) {
        return answer(command);
    }

    private CommandResult answer(Map<String, Object> command) {
        String prefix = String.valueOf(command.get("prefix"));
        if (hung) {
            throw new RadosTimeoutException("'" + prefix + "' timed out (replay)", -110, "");
        }
        sent.add(prefix);
        counts.merge(prefix, 1, Integer::sum);
        String file = FILES.get(prefix);
        if (file == null) {
            return new CommandResult(-22, new byte[0], "unknown command " + prefix);
        }
        return new CommandResult(0, Fixtures.bytes(directory, file), "");
    }

    @Override
    public String fsid() {
        return "replay";
    }

    @Override
    public void close() {}
}
