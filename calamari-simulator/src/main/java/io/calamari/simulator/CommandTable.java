package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.rados.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands a simulated cluster answers, each with the daemon that owns it in Pacific (the
 * monitors, or the manager for PG statistics, space and running configuration), the description
 * {@code get_command_descriptions} gives for it, and the answer. The monitors also take the
 * manager's commands (librados forwards them), the manager only its own. Immutable.
 */
final class CommandTable {
    /** How one command answers, given the cluster (its lock held) and the command's JSON arguments. */
    @FunctionalInterface
    interface Handler {
        CommandResult answer(SimulatedCluster cluster, Map<String, Object> arguments);
    }

    /**
     * One command: {@code arguments} are its non-literal signature elements, each as name, Ceph
     * type, whether required, then further key/value pairs of the description.
     */
    record Command(
            String prefix,
            boolean manager,
            String module,
            String perm,
            String help,
            List<List<String>> arguments,
            Handler handler) {
        Command {
            requireNonNull(prefix, "prefix");
            requireNonNull(module, "module");
            requireNonNull(perm, "perm");
            requireNonNull(help, "help");
            arguments = List.copyOf(arguments);
            requireNonNull(handler, "handler");
        }

        /** A read command ({@code perm} {@code r}). */
        Command(
                String prefix,
                boolean manager,
                String module,
                String help,
                List<List<String>> arguments,
                Handler handler) {
            this(prefix, manager, module, "r", help, arguments, handler);
        }

        /** A monitor command of the {@code osd} module that changes the cluster ({@code perm} {@code rw}). */
        static Command osdWrite(String prefix, String help, List<List<String>> arguments, Handler handler) {
            return new Command(prefix, false, "osd", "rw", help, arguments, handler);
        }
    }

    private static final int MGR_FLAG = 8;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    CommandTable(List<Command> commands) {
        commands.forEach(command -> this.commands.put(command.prefix(), command));
    }

    Optional<Command> find(String prefix) {
        return Optional.ofNullable(commands.get(prefix));
    }

    /** The answer to {@code get_command_descriptions}: every command the daemon takes, as Ceph describes one. */
    byte[] descriptions(boolean askedManager) {
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            int index = 0;
            for (Command command : commands.values()) {
                if (askedManager && !command.manager()) {
                    continue;
                }
                json.writeName(String.format("cmd%03d", index++));
                json.writeStartObject();
                json.writeName("sig");
                json.writeStartArray();
                for (String word : command.prefix().split(" ")) {
                    json.writeString(word);
                }
                for (List<String> argument : command.arguments()) {
                    json.writeStartObject();
                    json.writeStringProperty("name", argument.get(0));
                    json.writeStringProperty("type", argument.get(1));
                    json.writeStringProperty("req", argument.get(2));
                    for (int attribute = 3; attribute + 1 < argument.size(); attribute += 2) {
                        json.writeStringProperty(argument.get(attribute), argument.get(attribute + 1));
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeStringProperty("help", command.help());
                json.writeStringProperty("module", command.module());
                json.writeStringProperty("perm", command.perm());
                json.writeNumberProperty("flags", command.manager() && !askedManager ? MGR_FLAG : 0);
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }
}
