package io.calamari.server.cli;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.command.CommandDescriptions;
import io.calamari.ceph.command.CommandLineParser;
import io.calamari.ceph.command.ParsedCommandLine;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosException;
import io.calamari.server.cluster.ClusterCommands;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@code ceph …} command line against a cluster: parses it with the command descriptions the
 * cluster's monitors and manager publish (fetched once per cluster), sends the resulting JSON
 * command, and answers as the CLI would: its output, its error text ({@code Error EINVAL: …}) and its
 * exit status. Thread-safe.
 */
public final class CephCli {
    /** What the CLI would print and return. */
    public record Result(String out, String err, int status) {
        public Result {
            requireNonNull(out, "out");
            requireNonNull(err, "err");
        }
    }

    private final ClusterDirectory clusters;
    private final Duration timeout;
    private final Map<String, CommandLineParser> parsers = new ConcurrentHashMap<>();

    public CephCli(ClusterDirectory clusters, Duration timeout) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /**
     * Runs the command line ({@code "ceph osd dump"}, or already split into words).
     *
     * @throws io.calamari.ceph.command.CommandLineException when it is not a valid command
     * @throws CalamariException 503 when the cluster cannot be reached
     */
    public Result run(String fsid, String commandLine) {
        ClusterCommands channel = channel(fsid);
        return send(channel, parser(fsid, channel).parse(commandLine));
    }

    public Result run(String fsid, List<String> words) {
        ClusterCommands channel = channel(fsid);
        return send(channel, parser(fsid, channel).parse(words));
    }

    private ClusterCommands channel(String fsid) {
        return clusters.commands(fsid)
                .orElseThrow(() -> new CalamariException(
                        ErrorCode.SERVICE_UNAVAILABLE, "Ceph cluster is currently unavailable for commands"));
    }

    private CommandLineParser parser(String fsid, ClusterCommands channel) {
        CommandLineParser parser = parsers.get(fsid);
        if (parser == null) {
            parser = new CommandLineParser(CommandDescriptions.of(
                    CommandDescriptions.parseAnswer(descriptions(channel, Target.MON), Target.MON),
                    CommandDescriptions.parseAnswer(descriptions(channel, Target.MGR), Target.MGR)));
            parsers.put(fsid, parser);
        }
        return parser;
    }

    private byte[] descriptions(ClusterCommands channel, Target target) {
        CommandResult result = send(channel, target, CommandDescriptions.REQUEST);
        if (!result.succeeded()) {
            throw unavailable("Ceph did not list its commands: " + result.status());
        }
        return result.output();
    }

    private Result send(ClusterCommands channel, ParsedCommandLine command) {
        CommandResult result = send(channel, command.target(), command.arguments());
        if (result.succeeded()) {
            return new Result(result.outputText(), result.status(), 0);
        }
        return new Result(result.outputText(), result.errorText(), Math.abs(result.returnCode()));
    }

    private CommandResult send(ClusterCommands channel, Target target, Map<String, Object> arguments) {
        try {
            return channel.send(target, arguments, new byte[0], timeout);
        } catch (RadosException e) {
            throw unavailable("Error in cli command: " + e.getMessage());
        }
    }

    private static CalamariException unavailable(String message) {
        return new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, message);
    }
}
