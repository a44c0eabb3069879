package io.calamari.ceph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.command.CephCommand.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Command lines against the recorded Pacific descriptions; each asserts the whole JSON command. */
class CommandLineParserTest {
    private final CommandLineParser parser = CommandFixtures.pacificParser();

    @Test
    void osdDump() {
        assertParses("ceph osd dump", Target.MON, Map.of("prefix", "osd dump"));
        assertParses("ceph osd dump 12", Target.MON, Map.of("prefix", "osd dump", "epoch", 12L));
    }

    @Test
    void poolListWithDetail() {
        assertParses("ceph osd pool ls", Target.MON, Map.of("prefix", "osd pool ls"));
        assertParses("ceph osd pool ls detail", Target.MON, Map.of("prefix", "osd pool ls", "detail", "detail"));
    }

    @Test
    void poolCreateConvertsIntegers() {
        assertParses(
                "ceph osd pool create foo 32",
                Target.MON,
                Map.of("prefix", "osd pool create", "pool", "foo", "pg_num", 32L));
        assertParses(
                "osd pool create foo 0x20 32 replicated",
                Target.MON,
                Map.of(
                        "prefix",
                        "osd pool create",
                        "pool",
                        "foo",
                        "pg_num",
                        32L,
                        "pgp_num",
                        32L,
                        "pool_type",
                        "replicated"));
    }

    @Test
    void poolSetAndGet() {
        assertParses(
                "ceph osd pool set foo size 3",
                Target.MON,
                Map.of("prefix", "osd pool set", "pool", "foo", "var", "size", "val", "3"));
        assertParses(
                "ceph osd pool get foo all", Target.MON, Map.of("prefix", "osd pool get", "pool", "foo", "var", "all"));
    }

    @Test
    void osdSetFlag() {
        assertParses("ceph osd set noout", Target.MON, Map.of("prefix", "osd set", "key", "noout"));
    }

    @Test
    void repeatedArgumentsBecomeAList() {
        assertParses("ceph osd out 1 2", Target.MON, Map.of("prefix", "osd out", "ids", List.of("1", "2")));
        assertParses(
                "ceph osd crush move host1 root=default",
                Target.MON,
                Map.of("prefix", "osd crush move", "name", "host1", "args", List.of("root=default")));
        assertParses(
                "ceph osd crush move host1 root=default rack=r1",
                Target.MON,
                Map.of("prefix", "osd crush move", "name", "host1", "args", List.of("root=default", "rack=r1")));
        assertParses(
                "ceph osd pg-upmap-items 1.0 1,2 3",
                Target.MON,
                Map.of("prefix", "osd pg-upmap-items", "pgid", "1.0", "id", List.of(1L, 2L, 3L)));
    }

    @Test
    void managerCommandsGoToTheManager() {
        assertParses(
                "ceph pg dump pgs_brief",
                Target.MGR,
                Map.of("prefix", "pg dump", "dumpcontents", List.of("pgs_brief")));
        assertParses("ceph balancer status", Target.MGR, Map.of("prefix", "balancer status"));
    }

    @Test
    void healthDetail() {
        assertParses("ceph health detail", Target.MON, Map.of("prefix", "health", "detail", "detail"));
    }

    @Test
    void namedArgumentsInEveryFormTheCliAccepts() {
        assertParses(
                "ceph osd pool create foo --pg_num 32 --pgp-num=16 --autoscale-mode=warn --bulk",
                Target.MON,
                Map.of(
                        "prefix",
                        "osd pool create",
                        "pool",
                        "foo",
                        "pg_num",
                        32L,
                        "pgp_num",
                        16L,
                        "autoscale_mode",
                        "warn",
                        "bulk",
                        true));
        assertParses(
                "ceph osd pool rm foo foo --yes-i-really-really-mean-it",
                Target.MON,
                Map.of("prefix", "osd pool rm", "pool", "foo", "pool2", "foo", "yes_i_really_really_mean_it", true));
        assertParses(
                "ceph osd reweight osd.1 0.5", Target.MON, Map.of("prefix", "osd reweight", "id", 1L, "weight", 0.5));
    }

    @Test
    void formatOptionAnywhereInAnyForm() {
        Map<String, Object> json = Map.of("prefix", "osd pool ls", "detail", "detail", "format", "json");
        assertParses("ceph osd pool ls detail -f json", Target.MON, json);
        assertParses("ceph -f json osd pool ls detail", Target.MON, json);
        assertParses("ceph osd pool ls detail --format=json", Target.MON, json);
        assertParses("ceph osd pool ls --format json detail", Target.MON, json);
        assertParses("ceph osd pool ls detail -fjson", Target.MON, json);
        assertParses("ceph --form json osd pool ls detail", Target.MON, json);
        assertParses("ceph -s -f json-pretty", Target.MON, Map.of("prefix", "status", "format", "json-pretty"));
        assertThat(parser.parse("ceph osd dump").format()).isEmpty();
        assertThat(parser.parse("ceph osd dump -f xml").format()).contains("xml");
    }

    @Test
    void quotedWordsAndTheListForm() {
        assertParses(
                "ceph config-key set greeting 'hello world'",
                Target.MON,
                Map.of("prefix", "config-key set", "key", "greeting", "val", "hello world"));
        assertParses(
                "ceph config-key set k \"$HOME;ls|cat&\"",
                Target.MON,
                Map.of("prefix", "config-key set", "key", "k", "val", "$HOME;ls|cat&"));
        assertThat(parser.parse(List.of("ceph", "osd", "pool", "create", "my pool", "16"))
                        .arguments())
                .isEqualTo(Map.of("prefix", "osd pool create", "pool", "my pool", "pg_num", 16L));
        assertParses(
                "ceph config set mon.a debug_ms -- -1",
                Target.MON,
                Map.of("prefix", "config set", "who", "mon.a", "name", "debug_ms", "value", "-1"));
    }

    @Test
    void argumentsKeepTheClisOrder() {
        assertThat(parser.parse("ceph osd pool create foo 8 -f json")
                        .arguments()
                        .keySet())
                .containsExactly("prefix", "pool", "pg_num", "format");
    }

    @Test
    void unknownCommandListsTheClosestMatches() {
        assertThatThrownBy(() -> parser.parse("ceph osd pool lss"))
                .isInstanceOfSatisfying(
                        CommandLineException.class,
                        e -> assertThat(e.closestMatches())
                                .hasSize(10)
                                .startsWith("osd pool stats [<pool_name>]", "osd pool scrub <who>...")
                                .allMatch(usage -> usage.startsWith("osd pool ")))
                .hasMessageStartingWith("no valid command found; 10 closest matches:\nosd pool stats [<pool_name>]\n");
        assertThatThrownBy(() -> parser.parse("ceph osd poo ls"))
                .isInstanceOfSatisfying(
                        CommandLineException.class,
                        e -> assertThat(e.closestMatches())
                                .hasSize(10)
                                .startsWith("osd perf", "osd df [plain|tree] [class|name] [<filter>]"))
                .hasMessageStartingWith("no valid command found; 10 closest matches:\nosd perf\n");
    }

    @Test
    void badIntegerNamesTheArgumentAndItsType() {
        assertThatThrownBy(() -> parser.parse("ceph osd setmaxosd abc"))
                .isInstanceOf(CommandLineException.class)
                .hasMessage("Invalid command: argument 'newmax' <int[0-]>: abc doesn't represent an int\n"
                        + "osd setmaxosd <newmax:int> :  set new maximum osd value");
        assertThatThrownBy(() -> parser.parse("ceph osd pool create foo --pg_num=abc"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith("Invalid command: argument 'pg_num' <int[0-]>: abc doesn't represent an int\n");
        assertThatThrownBy(() -> parser.parse("ceph osd reweight 1 1.5"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith(
                        "Invalid command: argument 'weight' <float[0.0-1.0]>: 1.5 not in range [0.0, 1.0]");
        assertThatThrownBy(() -> parser.parse("ceph osd set bogus"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith("Invalid command: argument 'key' full|pause|noup|");
    }

    @Test
    void missingAndLeftOverWords() {
        assertThatThrownBy(() -> parser.parse("ceph osd pool create"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith("Invalid command: missing required parameter pool(<poolname>)\n"
                        + "osd pool create <pool> [<pg_num:int>]");
        assertThatThrownBy(() -> parser.parse("ceph osd dump abc"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith("Invalid command: unused arguments: ['abc'] (abc not valid: argument 'epoch'");
        assertThatThrownBy(() -> parser.parse("ceph osd --bogus dump"))
                .isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith("Invalid command: Unexpected argument '--bogus'");
    }

    @Test
    void unsupportedOptionsAndFormsSayWhy() {
        assertRefused("ceph -c /etc/ceph/ceph.conf osd dump", "the ceph CLI option -c/--conf is not supported");
        assertRefused("ceph --cluster other osd dump", "the ceph CLI option --cluster is not supported");
        assertRefused("ceph --id admin osd dump", "server's own connection");
        assertRefused("ceph osd dump -k /etc/ceph/keyring", "the option -k is not supported");
        assertRefused("ceph osd setcrushmap -i map.bin", "the ceph CLI option -i/--in-file is not supported");
        assertRefused("ceph osd getcrushmap -o map.bin", "the output comes back in the response");
        assertRefused("ceph --admin-daemon /run/ceph/mon.a.asok status", "admin socket");
        assertRefused("ceph daemon mon.a status", "'ceph daemon' is not supported");
        assertRefused("ceph tell osd.0 bench", "'ceph tell' is not supported");
        assertRefused("ceph -w", "watching the cluster log never ends");
        assertRefused("ceph pg 1.0 query", "primary OSD");
        assertRefused("ceph tell mon.a injectargs --debug-ms 1", "'ceph tell' is not supported");
        assertRefused("ceph injectargs --debug-ms 1", "'injectargs' is not supported");
        assertRefused("rbd ls", "only ceph commands are supported, not rbd");
        assertRefused("ceph", "no command given");
        assertRefused("ceph -f bogus osd dump", "argument -f/--format: invalid choice: 'bogus' (choose from 'json',");
        assertRefused("ceph osd dump -f", "argument -f/--format: expected one argument");
        assertRefused("ceph --w osd dump", "ambiguous option: --w could match --watch, --watch-debug");
        assertRefused("ceph osd dump 'unbalanced", "unbalanced quotes");
    }

    private void assertParses(String line, Target target, Map<String, Object> arguments) {
        ParsedCommandLine parsed = parser.parse(line);
        assertThat(parsed.target()).as(line).isEqualTo(target);
        assertThat(parsed.arguments()).as(line).isEqualTo(arguments);
        assertThat(parsed.prefix()).isEqualTo(arguments.get("prefix"));
        assertThat(parsed.command().prefix()).isEqualTo(arguments.get("prefix"));
        CephCommand<byte[]> command = parsed.toCephCommand();
        assertThat(command.target()).isEqualTo(target);
        assertThat(command.arguments()).isEqualTo(arguments);
    }

    private void assertRefused(String line, String reason) {
        assertThatThrownBy(() -> parser.parse(line))
                .as(line)
                .isInstanceOf(CommandLineException.class)
                .hasMessageContaining(reason);
    }
}
