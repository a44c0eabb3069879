package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands a cluster accepts, as its monitors and manager describe them in answer to {@code
 * {"prefix": "get_command_descriptions"}} (see {@link CephCommands#commandDescriptions}). The
 * monitors' list comes first and in their order, as the {@code ceph} CLI reads it (it includes the
 * manager's commands, flagged {@code MGR}); commands only the manager lists follow. Immutable and
 * thread-safe; fetch once per cluster and reuse.
 */
public final class CommandDescriptions {
    /** The prefix of the request that lists a daemon's commands. */
    public static final String REQUEST_PREFIX = "get_command_descriptions";

    /** The whole request, exactly as the {@code ceph} CLI sends it to the monitors (and to the manager). */
    public static final Map<String, Object> REQUEST = Map.of("prefix", REQUEST_PREFIX);

    private final List<CommandDescription> commands;

    private CommandDescriptions(List<CommandDescription> commands) {
        this.commands = List.copyOf(commands);
    }

    /**
     * The monitors' commands, then those of the manager's the monitors did not list (compared by
     * signature); either list may be empty.
     */
    public static CommandDescriptions of(
            List<CommandDescription> monitorCommands, List<CommandDescription> managerCommands) {
        List<CommandDescription> all = new ArrayList<>(monitorCommands);
        Set<List<ArgumentDescription>> known = new HashSet<>();
        monitorCommands.forEach(command -> known.add(command.signature()));
        for (CommandDescription command : managerCommands) {
            if (known.add(command.signature())) {
                all.add(command);
            }
        }
        return new CommandDescriptions(all);
    }

    /** Parses the two answers (raw JSON, as the monitors and the manager sent them). */
    public static CommandDescriptions parse(byte[] monitorAnswer, byte[] managerAnswer) {
        return of(parseAnswer(monitorAnswer, Target.MON), parseAnswer(managerAnswer, Target.MGR));
    }

    /**
     * The commands of one answer. Commands the manager lists, or the monitors flag {@code MGR}, get
     * {@link Target#MGR}.
     *
     * @throws io.calamari.ceph.parse.CephParseException when the answer is not a command list
     */
    public static List<CommandDescription> parseAnswer(byte[] answer, Target answeredBy) {
        requireNonNull(answer, "answer");
        requireNonNull(answeredBy, "answeredBy");
        return CommandDescriptionParser.parse(answer, answeredBy);
    }

    public List<CommandDescription> commands() {
        return commands;
    }

    @Override
    public String toString() {
        return "CommandDescriptions[" + commands.size() + " commands]";
    }
}
