package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CommandMatcher.Found;
import io.calamari.ceph.command.CommandMatcher.Invalid;
import io.calamari.ceph.command.CommandMatcher.Match;
import io.calamari.ceph.command.CommandMatcher.NotFound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@code ceph ...} command line into the JSON command the {@code ceph} CLI would send through
 * librados, without a shell and without running the CLI, for Calamari's {@code POST
 * /api/v2/cluster/{fsid}/cli}. For example, with the cluster's command descriptions, {@code ceph osd
 * pool create foo 32} gives {@code MON} and {@code {"prefix": "osd pool create", "pool": "foo",
 * "pg_num": 32}}; {@code ceph pg dump pgs_brief -f json} gives {@code MGR} and {@code {"prefix": "pg
 * dump", "dumpcontents": ["pgs_brief"], "format": "json"}}.
 *
 * <p>The steps are the CLI's: drop a leading {@code ceph}; take the CLI's own options out ({@code
 * GlobalOptions}: only {@code -f}/{@code --format} and {@code -s}/{@code --status} are supported);
 * drop the first {@code --}; refuse what does not go to the monitors or the manager ({@code tell},
 * {@code daemon}, {@code ping}, {@code injectargs}, {@code pg <pgid> ...}); then match the words
 * against the descriptions exactly as the CLI's {@code ceph_argparse} does ({@code CommandMatcher}).
 *
 * <p>Not supported: the CLI's other options, {@code tell}, admin sockets, input and output files,
 * Ceph configuration overrides on the command line, and repeating polling commands ({@code iostat}
 * runs once). Integers beyond 64 bits and non-finite floats, which the CLI would pass on for Ceph to
 * refuse, are refused here.
 *
 * <p>Immutable and thread-safe.
 */
public final class CommandLineParser {
    private static final Set<String> OTHER_TOOLS =
            Set.of("rados", "rbd", "radosgw-admin", "ceph-volume", "cephadm", "ceph-fuse", "ceph-conf", "crushtool");

    private final CommandDescriptions descriptions;

    public CommandLineParser(CommandDescriptions descriptions) {
        this.descriptions = requireNonNull(descriptions, "descriptions");
    }

    /**
     * Parses a command line in POSIX shell quoting (see {@link CommandLineTokenizer}).
     *
     * @throws CommandLineException when the line is not a command this API can send
     */
    public ParsedCommandLine parse(String commandLine) {
        requireNonNull(commandLine, "commandLine");
        return parse(CommandLineTokenizer.tokenize(commandLine));
    }

    /**
     * Parses a command line given as words, e.g. {@code ["ceph", "osd", "pool", "ls"]}.
     *
     * @throws CommandLineException when the words are not a command this API can send
     */
    public ParsedCommandLine parse(List<String> commandLine) {
        List<String> arguments = List.copyOf(commandLine);
        if (!arguments.isEmpty() && arguments.get(0).equals("ceph")) {
            arguments = arguments.subList(1, arguments.size());
        } else if (!arguments.isEmpty() && OTHER_TOOLS.contains(arguments.get(0))) {
            throw new CommandLineException("only ceph commands are supported, not " + arguments.get(0));
        }
        GlobalOptions.Result options = GlobalOptions.parse(arguments);
        List<String> words = new ArrayList<>(options.words());
        words.remove("--");
        if (options.status()) {
            words.add(0, "status");
        }
        refuseOtherTargets(words);
        Match match = CommandMatcher.match(descriptions.commands(), words);
        if (match instanceof Found found) {
            return parsed(found, options);
        }
        if (match instanceof Invalid invalid) {
            throw invalid(invalid);
        }
        throw notFound((NotFound) match);
    }

    private static ParsedCommandLine parsed(Found found, GlobalOptions.Result options) {
        Map<String, Object> arguments = new LinkedHashMap<>(found.arguments());
        options.format().ifPresent(format -> arguments.put("format", format));
        return new ParsedCommandLine(found.command().target(), arguments, found.command());
    }

    /** Refuses what the CLI sends elsewhere than to the monitors or the manager, or handles itself. */
    private static void refuseOtherTargets(List<String> words) {
        if (words.isEmpty()) {
            throw new CommandLineException("no command given, e.g. 'ceph status'");
        }
        String first = words.get(0);
        switch (first) {
            case "tell" ->
                throw new CommandLineException(
                        "'ceph tell' is not supported through this API: it goes to one daemon, not through the"
                                + " monitors or the manager");
            case "daemon", "daemonperf" ->
                throw new CommandLineException("'ceph " + first
                        + "' is not supported through this API: admin socket commands run on the daemon's own host");
            case "ping" ->
                throw new CommandLineException(
                        "'ceph ping' is not supported through this API: use 'ceph quorum_status' or 'ceph mon stat'");
            default -> {
                // A command for the monitors or the manager, unless one of the cases below.
            }
        }
        if (words.contains("injectargs")) {
            throw new CommandLineException("'injectargs' is not supported through this API: it needs 'ceph tell';"
                    + " use 'ceph config set' to change a daemon's configuration");
        }
        if (first.equals("pg") && words.size() > 1 && isPlacementGroupId(words.get(1))) {
            throw new CommandLineException("'ceph pg " + words.get(1) + " ...' is not supported through this API:"
                    + " the CLI sends it to the placement group's primary OSD");
        }
    }

    private static boolean isPlacementGroupId(String word) {
        try {
            CephNames.placementGroupId(word);
            return true;
        } catch (ArgumentException e) {
            return false;
        }
    }

    private static CommandLineException invalid(Invalid invalid) {
        CommandDescription command = invalid.command();
        return new CommandLineException(
                "Invalid command: " + invalid.problem() + "\n" + command.usage() + " :  " + command.help());
    }

    private static CommandLineException notFound(NotFound notFound) {
        List<String> usages =
                notFound.closest().stream().map(CommandDescription::usage).toList();
        StringBuilder message = new StringBuilder("no valid command found; " + usages.size() + " closest matches:");
        usages.forEach(usage -> message.append('\n').append(usage));
        return new CommandLineException(message.toString(), usages);
    }
}
