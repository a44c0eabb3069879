package io.calamari.protocol.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.graphite.RecordingHandler.Point;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames from real Python (see src/test/resources/graphite/README.md) and hand-made hostile ones. */
class RestrictedUnpicklerTest {
    private final RestrictedUnpickler unpickler = new RestrictedUnpickler();
    private final RecordingHandler handler = new RecordingHandler();

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4, 5})
    void framesPickledByPython(int protocol) throws IOException {
        unpickle(resource("carbon-protocol" + protocol + ".pickle"));

        assertThat(handler.points)
                .containsExactly(
                        new Point("servers.node1.cpu.total.user", 12.5, 1700000000),
                        new Point("ceph.cluster.f00d.osd.0.op_r", 4711, 1700000010),
                        new Point("bytes.path", -0.5, 1700000020.9),
                        new Point("big.int", Math.pow(2, 70), 1700000030),
                        new Point("now", 1000, -1),
                        new Point("nan", Double.NaN, 1700000040),
                        new Point("text.value", 7.25, 1700000050),
                        new Point("unicode.\u00e9t\u00e9", 1, 1700000060));
        assertThat(handler.reasons()).containsExactly(Rejection.ELEMENT, Rejection.NUMBER);
    }

    @Test
    void aReduceOfOsSystemIsRefusedAndRunsNothing() throws IOException {
        Path witness = Path.of("/tmp/calamari-pickle-pwned");
        Files.deleteIfExists(witness);

        unpickle(resource("malicious-reduce.pickle"));

        assertThat(handler.points).isEmpty();
        assertThat(handler.rejections).hasSize(1);
        assertThat(handler.rejections.get(0).reason()).isEqualTo(Rejection.FRAME);
        assertThat(handler.rejections.get(0).detail()).isEqualTo("opcode GLOBAL is not allowed");
        assertThat(witness).doesNotExist();
    }

    @Test
    void stackGlobalIsRefused() throws IOException {
        unpickle(resource("malicious-stack-global.pickle"));

        assertThat(handler.rejections.get(0).detail()).isEqualTo("opcode STACK_GLOBAL is not allowed");
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {'c', 0x93, 'R', 'b', 'i', 'o', 0x81, 0x92, 0x82, 0x83, 0x84, 'P', 'Q', 0x8f, 0x97, 0xff})
    void everyCodeOpcodeIsRefused(int opcode) {
        unpickle(new byte[] {(byte) 0x80, 2, ']', (byte) opcode, '.'});

        assertThat(handler.reasons()).containsExactly(Rejection.FRAME);
        assertThat(handler.rejections.get(0).detail()).endsWith("is not allowed");
    }

    @Test
    void hostileLengthsAreRefusedWithoutAllocating() {
        // BINUNICODE claiming 2 GiB, BINUNICODE8 claiming 2^62, LONG4 claiming 2^31-1 bytes
        unpickle(new byte[] {(byte) 0x80, 4, 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', '.'});
        unpickle(new byte[] {(byte) 0x80, 4, (byte) 0x8d, 0, 0, 0, 0, 0, 0, 0, 0x40, 'a', '.'});
        unpickle(new byte[] {(byte) 0x80, 4, (byte) 0x8b, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, '.'});
        unpickle(new byte[] {(byte) 0x80, 4, 'T', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, '.'});

        assertThat(handler.rejections)
                .extracting(RecordingHandler.Rejected::detail)
                .containsExactly(
                        "pickle data was truncated",
                        "pickle data was truncated",
                        "pickle data was truncated",
                        "negative length");
    }

    @Test
    void truncatedEmptyAndUnderflowingFramesAreDropped() {
        unpickle(new byte[0]);
        unpickle(new byte[] {(byte) 0x80, 2, ']'});
        unpickle(new byte[] {'.'});
        unpickle(new byte[] {']', 'a', '.'});
        unpickle(new byte[] {'(', ']', '1', '1', '.'});
        unpickle(new byte[] {'h', 5, '.'});
        unpickle(new byte[] {(byte) 0x80, 6, ']', '.'});

        assertThat(handler.reasons()).hasSize(7).containsOnly(Rejection.FRAME);
        assertThat(handler.points).isEmpty();
    }

    @Test
    void aFrameThatIsNotAListIsDropped() {
        unpickle(new byte[] {'K', 1, '.'});
        assertThat(handler.reasons()).containsExactly(Rejection.FRAME);
    }

    @Test
    void memoDupPopAndDictsWork() {
        // [("a", (1, 2)), ("a", (1, 2))] built with MEMOIZE/GET, plus a DUP'd then POP'd and an ignored dict
        byte[] frame = {
            (byte) 0x80,
            4,
            ']',
            (byte) 0x94,
            '(',
            (byte) 0x8c,
            1,
            'a',
            (byte) 0x94,
            'K',
            1,
            'K',
            2,
            (byte) 0x86,
            (byte) 0x86,
            (byte) 0x94,
            'h',
            2,
            '2',
            '0',
            '}',
            'N',
            'N',
            's',
            '0',
            'e',
            '.'
        };
        unpickle(frame);

        assertThat(handler.points).containsExactly(new Point("a", 2, 1), new Point("a", 2, 1));
        assertThat(handler.rejections).isEmpty();
    }

    @Test
    void protocolZeroStringsAndIntegers() {
        String frame = "(lp0\n(S'a\\x2eb\\\\c'\n(L1700000000L\nI01\ntta(S\"q\"\n(I-1\nF-0.25\ntta.";
        unpickle(frame.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(handler.points).containsExactly(new Point("a.b\\c", 1, 1700000000), new Point("q", -0.25, -1));
    }

    @Test
    void theUnpicklerIsReusableAfterAFailure() throws IOException {
        unpickle(resource("malicious-reduce.pickle"));
        unpickle(resource("carbon-protocol4.pickle"));

        assertThat(handler.points).hasSize(8);
    }

    @Test
    void readsOnlyTheGivenRange() throws IOException {
        byte[] frame = resource("carbon-protocol2.pickle");
        byte[] padded = new byte[frame.length + 20];
        Arrays.fill(padded, (byte) 'c');
        System.arraycopy(frame, 0, padded, 10, frame.length);

        unpickler.unpickle(padded, 10, frame.length, handler);

        assertThat(handler.points).hasSize(8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RestrictedUnpicklerTest.class.getResourceAsStream("/graphite/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private void unpickle(byte[] frame) {
        unpickler.unpickle(frame, 0, frame.length, handler);
    }
}
