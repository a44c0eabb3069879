package io.calamari.ceph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.command.CommandDescription.Flag;
import io.calamari.ceph.parse.CephParseException;
import io.calamari.ceph.parse.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pinned to the recorded {@code get_command_descriptions} answers of a Pacific cluster. */
class CommandDescriptionsTest {
    private static final List<CommandDescription> MONITOR =
            CommandDescriptions.parseAnswer(Fixtures.bytes(CommandFixtures.DIRECTORY, "mon.json"), Target.MON);
    private static final List<CommandDescription> MANAGER =
            CommandDescriptions.parseAnswer(Fixtures.bytes(CommandFixtures.DIRECTORY, "mgr.json"), Target.MGR);

    @Test
    void readsEveryCommandInOrder() {
        assertThat(MONITOR).hasSize(584);
        assertThat(MANAGER).hasSize(286);
        assertThat(MONITOR.get(0).id()).isEqualTo("cmd000");
        assertThat(MONITOR.get(0).prefix()).isEqualTo("pg stat");
    }

    @Test
    void readsTypedArgumentsWithTheirAttributes() {
        CommandDescription create = command(MONITOR, "osd pool create");
        assertThat(create.target()).isEqualTo(Target.MON);
        assertThat(create.help()).isEqualTo("create pool");
        assertThat(create.module()).isEqualTo("osd");
        assertThat(create.permissions()).isEqualTo("rw");
        assertThat(create.signature().get(3))
                .isEqualTo(new ArgumentDescription(
                        "pool", ArgumentType.POOL_NAME, "CephPoolname", true, false, 1, Map.of()));
        assertThat(create.signature().get(4))
                .isEqualTo(new ArgumentDescription(
                        "pg_num", ArgumentType.INT, "CephInt", false, false, 1, Map.of("range", "0")));
        CommandDescription move = command(MONITOR, "osd crush move");
        assertThat(move.signature().get(4))
                .isEqualTo(new ArgumentDescription(
                        "args",
                        ArgumentType.STRING,
                        "CephString",
                        true,
                        true,
                        1,
                        Map.of("goodchars", "[A-Za-z0-9-_.=]")));
    }

    @Test
    void managerCommandsGoToTheManagerWhoeverListsThem() {
        CommandDescription pgDump = command(MONITOR, "pg dump");
        assertThat(pgDump.flags()).isEqualTo(8);
        assertThat(pgDump.has(Flag.MGR)).isTrue();
        assertThat(pgDump.target()).isEqualTo(Target.MGR);
        assertThat(command(MANAGER, "pg dump").flags()).isZero();
        assertThat(command(MANAGER, "pg dump").target()).isEqualTo(Target.MGR);
        assertThat(command(MONITOR, "osd dump").target()).isEqualTo(Target.MON);
    }

    @Test
    void combinesTheListsWithoutRepeatingTheManagersCommands() {
        assertThat(CommandFixtures.pacific().commands()).isEqualTo(MONITOR);
        CommandDescription managerOnly = new CommandDescription(
                "cmd999", List.of(ArgumentDescription.literal("hello")), "say hello", "hello", "r", 0, Target.MGR);
        CommandDescriptions combined = CommandDescriptions.of(MONITOR, List.of(MANAGER.get(0), managerOnly));
        assertThat(combined.commands()).hasSize(585);
        assertThat(combined.commands().get(584)).isEqualTo(managerOnly);
    }

    @Test
    void usageLinesReadAsTheClisHelp() {
        assertThat(command(MONITOR, "osd dump").usage()).isEqualTo("osd dump [<epoch:int>]");
        assertThat(command(MONITOR, "osd pool set").usage())
                .startsWith("osd pool set <pool> size|min_size|")
                .endsWith("|bulk <val> [--yes-i-really-mean-it]");
        assertThat(command(MONITOR, "osd out").usage()).isEqualTo("osd out <ids>...");
        assertThat(command(MONITOR, "osd reweight").usage()).isEqualTo("osd reweight <id|osd.id> <weight:float>");
        assertThat(command(MONITOR, "pg dump").usage())
                .isEqualTo("pg dump [all|summary|sum|delta|pools|osds|pgs|pgs_brief...]");
    }

    @Test
    void skipsCommandsNotAvailableToTheCli() {
        String json = """
                {"cmd1": {"sig": ["a"], "help": "", "avail": "rest"},
                 "cmd2": {"sig": ["b", {"name": "x", "type": "CephFancy", "n": 2, "req": true}], "help": "h",
                          "avail": "cli,rest"}}""";
        List<CommandDescription> commands =
                CommandDescriptions.parseAnswer(json.getBytes(StandardCharsets.UTF_8), Target.MON);
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).signature().get(1))
                .isEqualTo(new ArgumentDescription("x", ArgumentType.UNKNOWN, "CephFancy", true, false, 2, Map.of()));
    }

    @Test
    void refusesAnswersThatAreNoCommandList() {
        assertThatThrownBy(() -> CommandDescriptions.parseAnswer("[1]".getBytes(StandardCharsets.UTF_8), Target.MON))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("get_command_descriptions");
        assertThatThrownBy(() -> CommandDescriptions.parseAnswer(
                        "{\"cmd1\": {\"help\": \"\"}}".getBytes(StandardCharsets.UTF_8), Target.MON))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("no 'sig'");
        assertThatThrownBy(() -> CommandDescriptions.parseAnswer(
                        "{\"cmd1\": {\"sig\": [{\"name\": \"x\"}]}}".getBytes(StandardCharsets.UTF_8), Target.MON))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("without a type");
    }

    @Test
    void theRequestIsTheClis() {
        assertThat(CommandDescriptions.REQUEST).isEqualTo(Map.of("prefix", "get_command_descriptions"));
        CephCommand<List<CommandDescription>> request = CephCommands.commandDescriptions(Target.MGR);
        assertThat(request.target()).isEqualTo(Target.MGR);
        assertThat(request.arguments()).isEqualTo(Map.of("prefix", "get_command_descriptions"));
        assertThat(request.parser().apply(Fixtures.bytes(CommandFixtures.DIRECTORY, "mgr.json")))
                .isEqualTo(MANAGER);
    }

    private static CommandDescription command(List<CommandDescription> commands, String prefix) {
        return commands.stream()
                .filter(command -> command.prefix().equals(prefix))
                .findFirst()
                .orElseThrow();
    }
}
