package io.calamari.protocol.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values are what Python 3.11's {@code float()} returns for the same text. */
class PythonFloatTest {
    @ParameterizedTest(name = "float(\"{0}\") == {1}")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "0|0.0",
                "1|1.0",
                "+1|1.0",
                "-0.5|-0.5",
                "1e3|1000.0",
                "1E3|1000.0",
                "1e+3|1000.0",
                "1e-3|0.001",
                "1700000000|1.7E9",
                "1700000000.9|1.7000000009E9",
                ".5|0.5",
                "5.|5.0",
                " +.5e-3 |5.0E-4",
                "\t42\t|42.0",
                "1_000.5|1000.5",
                "1e1_0|1.0E10",
                "0.30000000000000004|0.30000000000000004",
                "123456789012345678901234567890|1.2345678901234568E29",
                "1e400|Infinity",
                "-1e400|-Infinity",
                "1e-400|0.0",
                "4.9e-324|4.9E-324",
                "0.000001|1.0E-6",
                "00012|12.0",
                "inf|Infinity",
                "-inf|-Infinity",
                "Infinity|Infinity",
                "+iNfInItY|Infinity",
                "nan|NaN",
                "-NaN|NaN",
            })
    void parsesLikePython(String text, double expected) {
        assertThat((Double) parse(text)).isEqualTo((Double) expected);
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertThat(Double.doubleToRawLongBits(parse("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @ParameterizedTest(name = "float(\"{0}\") raises ValueError")
    @ValueSource(
            strings = {
                "",
                " ",
                ".",
                "e1",
                "1e",
                "1e+",
                "+",
                "-",
                "1__0",
                "_1",
                "1_",
                "1_.5",
                "1._5",
                "1e_1",
                "1e1_",
                "0x10",
                "1.2.3",
                "1,5",
                "12a",
                "infinite",
                "nana",
                "--1",
                "+-1",
                "1d",
                "1f",
                "NaN1",
                "1 2",
                "١"
            })
    void refusesWhatPythonRefuses(String text) {
        assertThat(PythonFloat.isInvalid(parse(text))).isTrue();
    }

    @Test
    void theInvalidMarkerIsNotARealNaN() {
        assertThat(PythonFloat.isInvalid(Double.NaN)).isFalse();
        assertThat(PythonFloat.isInvalid(parse("nan"))).isFalse();
    }

    @Test
    void randomDecimalsMatchDoubleParseDouble() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String text = switch (i % 4) {
                case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 1 -> Long.toString(random.nextLong() >> random.nextInt(63));
                case 2 -> String.format(java.util.Locale.ROOT, "%.2f", random.nextDouble() * 1e6);
                default -> (random.nextInt(2_000_000_000) + "." + random.nextInt(1000));
            };
            assertThat(parse(text)).as("%s (seed %d)", text, seed).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void parsesOnlyTheGivenRange() {
        byte[] bytes = "xx12.5yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(PythonFloat.parse(bytes, 2, 6)).isEqualTo(12.5);
    }

    private static double parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PythonFloat.parse(bytes, 0, bytes.length);
    }
}
