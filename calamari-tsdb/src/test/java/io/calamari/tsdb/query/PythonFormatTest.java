package io.calamari.tsdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what CPython 3 prints for repr(x) and "%g" % x. */
class PythonFormatTest {
    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0",
        "0.1, 0.1",
        "1e20, 1e+20",
        "1e16, 1e+16",
        "1e15, 1000000000000000.0",
        "123456789012345.6, 123456789012345.6",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "-2.5e-5, -2.5e-05",
        "0.30000000000000004, 0.30000000000000004",
        "100, 100.0",
        "-0.0, -0.0",
        "1.5e300, 1.5e+300",
        "22.61, 22.61",
        "49.10947002606429, 49.10947002606429",
        "NaN, nan",
        "Infinity, inf",
    })
    void repr(double value, String expected) {
        assertThat(PythonFormat.repr(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "10, 10",
        "-0.5, -0.5",
        "100, 100",
        "0.00001, 1e-05",
        "0.000001, 1e-06",
        "123456789, 1.23457e+08",
        "1e20, 1e+20",
        "-0.15, -0.15",
        "1.5, 1.5",
        "0, 0",
        "123456, 123456",
        "1234567, 1.23457e+06",
    })
    void percentG(double value, String expected) {
        assertThat(PythonFormat.g(value)).isEqualTo(expected);
    }
}
