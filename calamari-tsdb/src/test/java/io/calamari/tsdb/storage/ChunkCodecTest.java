package io.calamari.tsdb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkCodecTest {
    @ParameterizedTest
    @ValueSource(strings = {"gauge2", "counter", "noisy", "constant", "specials", "irregular", "negative"})
    void roundTripsEveryValueBitForBit(String kind) {
        Points points = generate(kind, new Random(kind.hashCode()), 8_640);
        ByteWriter out = new ByteWriter(64);
        ChunkCodec.encode(points, out);
        Points decoded = ChunkCodec.decode(new ByteReader(out.toByteArray()));

        assertThat(decoded.size()).isEqualTo(points.size());
        for (int i = 0; i < points.size(); i++) {
            assertThat(decoded.timestamp(i)).as("time %d", i).isEqualTo(points.timestamp(i));
            assertThat(Double.doubleToRawLongBits(decoded.value(i)))
                    .as("value %d (%s)", i, points.value(i))
                    .isEqualTo(Double.doubleToRawLongBits(points.value(i)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gauge2", "counter", "constant"})
    void decimalValuesTakeAboutTwoBytesOrLessBeforeCompression(String kind) {
        Points points = generate(kind, new Random(7), 8_640);
        ByteWriter out = new ByteWriter(64);
        ChunkCodec.encode(points, out);
        // Regular timestamps cost a handful of bytes per chunk; values are small deltas.
        assertThat((double) out.size() / points.size()).isLessThan(3.0);
    }

    @org.junit.jupiter.api.Test
    void damagedChunkIsRefusedNotMisread() {
        Points points = generate("gauge2", new Random(1), 100);
        ByteWriter out = new ByteWriter(64);
        ChunkCodec.encode(points, out);
        byte[] bytes = java.util.Arrays.copyOf(out.toByteArray(), out.size() / 2);
        assertThatThrownBy(() -> ChunkCodec.decode(new ByteReader(bytes))).isInstanceOf(CorruptDataException.class);
    }

    static Points generate(String kind, Random random, int count) {
        Points points = new Points(count);
        long time = 1_700_000_000L;
        double counter = 1_234_567;
        for (int i = 0; i < count; i++) {
            double value = switch (kind) {
                case "gauge2" -> Math.round((50 + 10 * Math.sin(i / 30.0) + random.nextGaussian()) * 100) / 100.0;
                case "counter" -> counter += random.nextInt(4096);
                case "noisy" -> random.nextDouble() * 1e6;
                case "constant" -> 42;
                case "specials" ->
                    new double[] {
                                -0.0,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                0.1
                            }
                            [i % 6];
                case "negative" -> -Math.round(random.nextGaussian() * 1e4) / 1e3;
                default -> i;
            };
            points.add(time, value);
            time += kind.equals("irregular") ? 1 + random.nextInt(20) : 10;
        }
        return points;
    }
}
