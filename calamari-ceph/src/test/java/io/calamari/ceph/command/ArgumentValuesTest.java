package io.calamari.ceph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.command.ArgumentException.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Single words against single types; every expectation is what the Ceph 16.2.15 CLI's types answer. */
class ArgumentValuesTest {

    @Test
    void integersArePythonIntegersOfAnyBase() throws ArgumentException {
        assertThat(valid(ArgumentType.INT, "0x1f")).isEqualTo(31L);
        assertThat(valid(ArgumentType.INT, "0o17")).isEqualTo(15L);
        assertThat(valid(ArgumentType.INT, "0b101")).isEqualTo(5L);
        assertThat(valid(ArgumentType.INT, " +7 ")).isEqualTo(7L);
        assertThat(valid(ArgumentType.INT, "-3")).isEqualTo(-3L);
        assertThat(valid(ArgumentType.INT, "1_000")).isEqualTo(1000L);
        assertThat(valid(ArgumentType.INT, "00")).isEqualTo(0L);
        for (String word : new String[] {"010", "0x", "1__0", "_1", "abc", "1.0"}) {
            assertInvalid(ArgumentType.INT, word, Kind.VALID, word + " doesn't represent an int");
        }
        // Python would send it; Ceph reads 64-bit integers.
        assertInvalid(ArgumentType.INT, "9223372036854775808", Kind.VALID, "does not fit a 64-bit integer");
    }

    @Test
    void integerAndFloatRanges() throws ArgumentException {
        ArgumentDescription port = argument(ArgumentType.INT, Map.of("range", "0|65535"));
        assertThat(ArgumentValues.validate(port, "65535", false)).isEqualTo(65535L);
        assertThatThrownBy(() -> ArgumentValues.validate(port, "70000", false))
                .hasMessage("70000 not in range [0, 65535]");
        ArgumentDescription ratio = argument(ArgumentType.FLOAT, Map.of("range", "0.0|1.0"));
        assertThat(ArgumentValues.validate(ratio, ".5", false)).isEqualTo(0.5);
        assertThatThrownBy(() -> ArgumentValues.validate(ratio, "-0.25", false))
                .hasMessage("-0.25 not in range [0.0, 1.0]");
    }

    @Test
    void floatsArePythonFloatsButFinite() throws ArgumentException {
        assertThat(valid(ArgumentType.FLOAT, "1e3")).isEqualTo(1000.0);
        assertThat(valid(ArgumentType.FLOAT, "5.")).isEqualTo(5.0);
        assertThat(valid(ArgumentType.FLOAT, "1_0.5")).isEqualTo(10.5);
        for (String word : new String[] {"1.5f", "0x10", "abc", "inf", "nan", "1e999"}) {
            assertInvalid(ArgumentType.FLOAT, word, Kind.VALID, word + " doesn't represent a float");
        }
    }

    @Test
    void addresses() throws ArgumentException {
        assertThat(valid(ArgumentType.IP_ADDRESS, "::1")).isEqualTo("::1");
        assertThat(valid(ArgumentType.IP_ADDRESS, "[::1]:6")).isEqualTo("[::1]:6");
        assertThat(valid(ArgumentType.IP_ADDRESS, "fe80::1:2:3:4:5:6")).isEqualTo("fe80::1:2:3:4:5:6");
        assertThat(valid(ArgumentType.IP_ADDRESS, "1:2:3:4:5:6:7:8")).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(valid(ArgumentType.IP_ADDRESS, "v1:1.2.3.4:6789")).isEqualTo("1.2.3.4:6789");
        assertThat(valid(ArgumentType.IP_ADDRESS, "v2:[::1]:3300")).isEqualTo("[::1]:3300");
        assertThat(valid(ArgumentType.IP_ADDRESS, "any:1.2.3.4")).isEqualTo("1.2.3.4");
        assertInvalid(ArgumentType.IP_ADDRESS, "1::2::3", Kind.VALID, "1::2::3 not valid IPv6 address");
        assertInvalid(ArgumentType.IP_ADDRESS, "1:2:3:4:5:6:7:8:9", Kind.VALID, "not valid IPv6 address");
        assertInvalid(ArgumentType.IP_ADDRESS, "01.2.3.4", Kind.VALID, "01.2.3.4: invalid IPv4 address");
        assertInvalid(ArgumentType.IP_ADDRESS, "1.2.3", Kind.VALID, "1.2.3: invalid IPv4 address");
        assertInvalid(ArgumentType.IP_ADDRESS, "[::1", Kind.FORMAT, "[::1 missing terminating ]");
        assertInvalid(ArgumentType.IP_ADDRESS, "::ffff:1.2.3.4", Kind.VALID, "invalid IPv4 port");
        assertThat(valid(ArgumentType.ENTITY_ADDRESS, "1.2.3.4:0/123")).isEqualTo("1.2.3.4:0/123");
        assertThat(valid(ArgumentType.ENTITY_ADDRESS, "[::1]:6789/5")).isEqualTo("[::1]:6789/5");
        assertInvalid(
                ArgumentType.ENTITY_ADDRESS,
                "1.2.3.4/-1",
                Kind.VALID,
                "1.2.3.4/-1: invalid entity, nonce -1 not integer > 0");
        assertThat(NetworkAddresses.isVersion6("::ffff:1.2.3.4")).isTrue();
        assertThat(NetworkAddresses.isVersion6("1:2:3:4:5:6:7::")).isTrue();
        assertThat(NetworkAddresses.isVersion6("1:2:3:4:5:6:7:8::")).isFalse();
        assertThat(NetworkAddresses.isVersion6(":1::")).isFalse();
    }

    @Test
    void namesAndIdentifiers() throws ArgumentException {
        for (String word : new String[] {"osd.1", "osd.*", "mon.a", "client.admin", "mgr", "*"}) {
            assertThat(valid(ArgumentType.NAME, word)).isEqualTo(word);
        }
        assertInvalid(ArgumentType.NAME, "foo.bar", Kind.VALID, "unknown type foo");
        assertInvalid(ArgumentType.NAME, "osd.x", Kind.FORMAT, "osd id x not integer");
        assertInvalid(ArgumentType.NAME, "mds", Kind.FORMAT, "CephName: no . in mds");
        assertThat(valid(ArgumentType.OSD_NAME, "osd.3")).isEqualTo(3L);
        assertThat(valid(ArgumentType.OSD_NAME, "*")).isEqualTo("*");
        assertInvalid(ArgumentType.OSD_NAME, "mon.3", Kind.VALID, "unknown type mon");
        assertInvalid(ArgumentType.OSD_NAME, "-1", Kind.FORMAT, "osd id -1 is less than 0");
        assertThat(valid(ArgumentType.PGID, "1.0x1f")).isEqualTo("1.0x1f");
        assertInvalid(ArgumentType.PGID, "-1.0", Kind.FORMAT, "pool -1 < 0");
        assertInvalid(ArgumentType.PGID, "1.g", Kind.FORMAT, "pgnum g not hex integer");
        assertThat(valid(ArgumentType.UUID, "{0AD9D8A4-6D38-4E58-8F3B-7F6E5E1C4C2A}"))
                .isEqualTo("{0AD9D8A4-6D38-4E58-8F3B-7F6E5E1C4C2A}");
        assertThat(valid(ArgumentType.UUID, "urn:uuid:0ad9d8a46d384e588f3b7f6e5e1c4c2a"))
                .isEqualTo("urn:uuid:0ad9d8a46d384e588f3b7f6e5e1c4c2a");
        assertInvalid(ArgumentType.UUID, "0ad9d8a4", Kind.FORMAT, "badly formed hexadecimal UUID string");
        assertThat(valid(ArgumentType.FRAGMENT, "0x1f/5")).isEqualTo("0x1f/5");
        assertInvalid(ArgumentType.FRAGMENT, "1f/5", Kind.FORMAT, "1f not a hex integer");
    }

    @Test
    void stringsAcceptOnlyPrintableAsciiAndTheirGoodCharacters() throws ArgumentException {
        ArgumentDescription bucket = argument(ArgumentType.STRING, Map.of("goodchars", "[A-Za-z0-9-_.]"));
        assertThat(ArgumentValues.validate(bucket, "host-1.a_b", false)).isEqualTo("host-1.a_b");
        assertThatThrownBy(() -> ArgumentValues.validate(bucket, "a,b/c,", false))
                .hasMessage("invalid chars ,/ in a,b/c,");
        assertThat(valid(ArgumentType.STRING, "a b $;|")).isEqualTo("a b $;|");
        assertInvalid(ArgumentType.STRING, "héllo", Kind.FORMAT, "invalid chars é in héllo");
    }

    @Test
    void choicesBooleansAndTypesThatCannotWorkHere() throws ArgumentException {
        ArgumentDescription choices = argument(ArgumentType.CHOICES, Map.of("strings", "on|off|warn"));
        assertThat(ArgumentValues.validate(choices, "warn", false)).isEqualTo("warn");
        assertThat(ArgumentValues.validate(choices, "wa", true)).isEqualTo("wa");
        assertThatThrownBy(() -> ArgumentValues.validate(choices, "wa", false)).hasMessage("wa not in on|off|warn");
        assertThat(valid(ArgumentType.BOOL, "TRUE")).isEqualTo(true);
        assertThat(valid(ArgumentType.BOOL, "0")).isEqualTo(false);
        assertInvalid(ArgumentType.BOOL, "yes", Kind.VALID, "yes not one of 'true', 'false'");
        assertInvalid(ArgumentType.FILE_PATH, "/etc/passwd", Kind.VALID, "cannot be given through this API");
        assertInvalid(ArgumentType.UNKNOWN, "x", Kind.VALID, "is not known to this server");
    }

    private static Object valid(ArgumentType type, String word) throws ArgumentException {
        return ArgumentValues.validate(argument(type, Map.of()), word, false);
    }

    private static void assertInvalid(ArgumentType type, String word, Kind kind, String message) {
        assertThatThrownBy(() -> ArgumentValues.validate(argument(type, Map.of()), word, false))
                .as(word)
                .isInstanceOfSatisfying(
                        ArgumentException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message);
    }

    private static ArgumentDescription argument(ArgumentType type, Map<String, String> attributes) {
        return new ArgumentDescription("x", type, type.cephName(), true, false, 1, attributes);
    }
}
