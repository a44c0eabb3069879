package io.calamari.protocol.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PickleFramesTest {
    private final RestrictedUnpickler unpickler = new RestrictedUnpickler();
    private final RecordingHandler handler = new RecordingHandler();

    @Test
    void framesWholeSplitAndByteAtATime() throws IOException {
        byte[] stream = framed(RestrictedUnpicklerTest.resource("carbon-protocol4.pickle"), 3);
        for (int chunk : new int[] {stream.length, 7, 1}) {
            RecordingHandler chunked = new RecordingHandler();
            PickleFrames frames = new PickleFrames(PickleFrames.DEFAULT_MAX_FRAME_LENGTH);
            for (int offset = 0; offset < stream.length; offset += chunk) {
                assertThat(frames.decode(stream, offset, Math.min(chunk, stream.length - offset), unpickler, chunked))
                        .isTrue();
            }
            assertThat(chunked.points).as("chunks of %d", chunk).hasSize(24);
        }
    }

    @Test
    void aBrokenFrameIsDroppedAndTheNextOneDecoded() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(framed(new byte[] {'g', 'a', 'r', 'b', 'a', 'g', 'e'}, 1));
        stream.write(framed(RestrictedUnpicklerTest.resource("carbon-protocol2.pickle"), 1));
        byte[] bytes = stream.toByteArray();

        assertThat(new PickleFrames(1000).decode(bytes, 0, bytes.length, unpickler, handler))
                .isTrue();

        assertThat(handler.reasons()).startsWith(Rejection.FRAME);
        assertThat(handler.points).hasSize(8);
    }

    @Test
    void aLengthOverTheLimitClosesTheConnection() {
        PickleFrames frames = new PickleFrames(100);
        byte[] header = {0, 0, 0, 101};

        assertThat(frames.decode(header, 0, 4, unpickler, handler)).isFalse();
        assertThat(handler.reasons()).containsExactly(Rejection.FRAME_TOO_LONG);
        assertThat(handler.rejections.get(0).detail()).isEqualTo("frame length 101 is over the limit of 100");
    }

    @Test
    void anUnsignedLengthOver2GiBIsOverTheLimitToo() {
        byte[] header = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(new PickleFrames(PickleFrames.DEFAULT_MAX_FRAME_LENGTH).decode(header, 0, 4, unpickler, handler))
                .isFalse();
        assertThat(handler.rejections.get(0).detail()).startsWith("frame length 4294967295");
    }

    @Test
    void anEmptyFrameIsAnUnpicklingError() {
        byte[] header = {0, 0, 0, 0};
        assertThat(new PickleFrames(100).decode(header, 0, 4, unpickler, handler))
                .isTrue();
        assertThat(handler.reasons()).containsExactly(Rejection.FRAME);
    }

    static byte[] framed(byte[] body, int times) {
        ByteBuffer buffer = ByteBuffer.allocate((4 + body.length) * times);
        for (int i = 0; i < times; i++) {
            buffer.putInt(body.length).put(body);
        }
        return buffer.array();
    }
}
