package io.calamari.ceph.command;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.parse.CephParseException;
import io.calamari.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the answer to {@code get_command_descriptions} as the {@code ceph} CLI's {@code
 * parse_json_funcsigs} does: commands in the order Ceph lists them, those whose {@code avail} leaves
 * out the CLI skipped. Stateless and thread-safe.
 */
final class CommandDescriptionParser {
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String COMMAND = CommandDescriptions.REQUEST_PREFIX;

    private CommandDescriptionParser() {}

    /** The commands of one answer; {@code answeredBy} is the daemon that was asked. */
    static List<CommandDescription> parse(byte[] json, Target answeredBy) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new CephParseException(COMMAND, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CephParseException(COMMAND, "expected a JSON object of commands");
        }
        List<CommandDescription> commands = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode command = entry.getValue();
            JsonNode available = command.get("avail");
            if (available != null
                    && available.isString()
                    && !available.stringValue().contains("cli")) {
                continue;
            }
            commands.add(command(entry.getKey(), command, answeredBy));
        }
        return commands;
    }

    private static CommandDescription command(String id, JsonNode command, Target answeredBy) {
        JsonNode signature = command.get("sig");
        if (signature == null || !signature.isArray()) {
            throw new CephParseException(COMMAND, "command " + id + " has no 'sig' array");
        }
        List<ArgumentDescription> arguments = new ArrayList<>();
        for (JsonNode element : signature) {
            arguments.add(argument(id, element));
        }
        int flags = command.path("flags").asInt(0);
        Target target =
                answeredBy == Target.MGR || (flags & CommandDescription.Flag.MGR.bit()) != 0 ? Target.MGR : Target.MON;
        return new CommandDescription(
                id, arguments, text(command, "help"), text(command, "module"), text(command, "perm"), flags, target);
    }

    private static ArgumentDescription argument(String id, JsonNode element) {
        if (element.isString()) {
            return ArgumentDescription.literal(element.stringValue());
        }
        if (!element.isObject() || !element.has("type")) {
            throw new CephParseException(COMMAND, "command " + id + " has a signature element without a type");
        }
        String typeName = element.get("type").asString();
        ArgumentType type = ArgumentType.fromCephName(typeName);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : element.properties()) {
            String key = property.getKey();
            if (!List.of("type", "name", "n", "req").contains(key)
                    && !property.getValue().isContainer()) {
                attributes.put(key, property.getValue().asString());
            }
        }
        String count = element.has("n") ? element.get("n").asString() : "1";
        boolean repeated = count.equals("N") || count.equals("n");
        String defaultName = type == ArgumentType.PREFIX ? "prefix" : "";
        return new ArgumentDescription(
                text(element, "name", defaultName),
                type,
                typeName,
                required(element.get("req")),
                repeated,
                repeated ? 1 : parseCount(id, count),
                attributes);
    }

    /** Python's {@code req in (True, 'True', 'true')}, true when absent. */
    private static boolean required(JsonNode required) {
        if (required == null) {
            return true;
        }
        if (required.isBoolean()) {
            return required.booleanValue();
        }
        return required.isString()
                && (required.stringValue().equals("true")
                        || required.stringValue().equals("True"));
    }

    private static int parseCount(String id, String count) {
        try {
            return Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            throw new CephParseException(COMMAND, "command " + id + " has an argument with count '" + count + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, "");
    }

    private static String text(JsonNode node, String field, String defaultValue) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainer() ? defaultValue : value.asString();
    }
}
