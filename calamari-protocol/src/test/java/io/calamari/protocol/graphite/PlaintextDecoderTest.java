package io.calamari.protocol.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.graphite.RecordingHandler.Point;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlaintextDecoderTest {
    private final PlaintextDecoder decoder = new PlaintextDecoder();
    private final RecordingHandler handler = new RecordingHandler();

    @Test
    void decodesLinesWithCarbonsFieldRules() {
        assertThat(feed("a.b 1.5 1700000000\n"
                        + "c  \t 2e3   1700000000.9 \r\n"
                        + "  d -0.5 -1\n"
                        + "e nan 1700000001\n"
                        + "f +inf 1700000002\n"))
                .isTrue();

        assertThat(handler.points)
                .containsExactly(
                        new Point("a.b", 1.5, 1700000000),
                        new Point("c", 2000, 1700000000.9),
                        new Point("d", -0.5, -1),
                        new Point("e", Double.NaN, 1700000001),
                        new Point("f", Double.POSITIVE_INFINITY, 1700000002));
        assertThat(handler.rejections).isEmpty();
    }

    @Test
    void aBadLineIsSkippedAndTheNextOneDecoded() {
        assertThat(feed("only.two 1\n"
                        + "four fields 1 2\n"
                        + "\n"
                        + "bad.value abc 1700000000\n"
                        + "bad.time 1 soon\n"
                        + "good 1 1700000000\n"))
                .isTrue();

        assertThat(handler.reasons())
                .containsExactly(
                        Rejection.FIELDS, Rejection.FIELDS, Rejection.FIELDS, Rejection.NUMBER, Rejection.NUMBER);
        assertThat(handler.rejections.get(3).detail()).isEqualTo("bad.value abc 1700000000");
        assertThat(handler.points).containsExactly(new Point("good", 1, 1700000000));
    }

    @Test
    void aCarriageReturnAloneDoesNotEndALine() {
        feed("a 1 2\rb 3 4\n");

        assertThat(handler.reasons()).containsExactly(Rejection.FIELDS);
    }

    @Test
    void linesSplitAcrossReadsAreJoined() {
        String text = "servers.node1.cpu.total.user 12.5 1700000000\nceph.osd.0 7 1700000010\n";
        for (int split = 0; split <= text.length(); split++) {
            RecordingHandler split1 = new RecordingHandler();
            PlaintextDecoder fresh = new PlaintextDecoder();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            fresh.decode(bytes, 0, split, split1);
            fresh.decode(bytes, split, bytes.length - split, split1);
            assertThat(split1.points).as("split at %d", split).hasSize(2);
        }
    }

    @Test
    void byteAtATimeWorksToo() {
        byte[] bytes = "a 1 2\nb 3 4\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            decoder.decode(bytes, i, 1, handler);
        }
        assertThat(handler.points).containsExactly(new Point("a", 1, 2), new Point("b", 3, 4));
    }

    @Test
    void anUnterminatedLastLineIsHeldBackAndNeverDecoded() {
        feed("a 1 2\nb 3 4");

        assertThat(handler.points).containsExactly(new Point("a", 1, 2));
        assertThat(decoder.pendingBytes()).isEqualTo(5);
    }

    @Test
    void aLineOfExactlyTheLimitIsAcceptedOneByteMoreClosesTheConnection() {
        String suffix = " 1 2";
        String atLimit = "a".repeat(PlaintextDecoder.MAX_LINE_LENGTH - suffix.length()) + suffix;
        assertThat(feed(atLimit + "\n")).isTrue();
        assertThat(handler.points).hasSize(1);

        assertThat(feed("x 1 2\nb" + atLimit + "\nnever 1 2\n")).isFalse();

        assertThat(handler.points).hasSize(2);
        assertThat(handler.reasons()).containsExactly(Rejection.TOO_LONG);
    }

    @Test
    void anUnterminatedRestOverTheLimitClosesAtOnce() {
        byte[] chunk = "a".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(chunk, 0, chunk.length, handler)).isTrue();
        assertThat(decoder.decode(chunk, 0, chunk.length, handler)).isFalse();

        assertThat(handler.reasons()).containsExactly(Rejection.TOO_LONG);
        assertThat(handler.rejections.get(0).detail()).hasSize(10_000);
    }

    @Test
    void aSingleReadOverTheLimitWithoutNewlineCloses() {
        assertThat(feed("a".repeat(PlaintextDecoder.MAX_LINE_LENGTH + 1))).isFalse();
        assertThat(handler.reasons()).containsExactly(Rejection.TOO_LONG);
    }

    @Test
    void namesAreRawBytesSoInvalidUtf8ReachesTheHandler() {
        byte[] line = {'a', (byte) 0xff, ' ', '1', ' ', '2', '\n'};
        decoder.decode(line, 0, line.length, handler);

        assertThat(handler.points).hasSize(1);
        assertThat(handler.points.get(0).name()).isEqualTo("a\ufffd");
    }

    @Test
    void nonAsciiBytesInANumberAreANumberError() {
        feed("a 1\u00e9 2\n");
        assertThat(handler.reasons()).containsExactly(Rejection.NUMBER);
    }

    @Test
    void findsEveryNewlineWhateverItsPositionInAWord() {
        StringBuilder text = new StringBuilder();
        for (int length = 1; length <= 40; length++) {
            text.append("n")
                    .append("x".repeat(length))
                    .append(" 1 ")
                    .append(length)
                    .append('\n');
        }
        feed(text.toString());

        assertThat(handler.points).hasSize(40);
        assertThat(handler.points.get(39)).isEqualTo(new Point("n" + "x".repeat(40), 1, 40));
        assertThat(handler.rejections).isEmpty();
    }

    private boolean feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length, handler);
    }
}
