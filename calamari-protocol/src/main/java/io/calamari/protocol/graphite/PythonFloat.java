package io.calamari.protocol.graphite;

import java.nio.charset.StandardCharsets;

/**
 * Parses ASCII bytes the way Python 3's {@code float()} parses a string: surrounding whitespace,
 * an optional sign, decimal digits with an optional fraction and exponent ({@code 1e3}, {@code -0.5},
 * {@code 5.}, {@code .5}), underscores between digits ({@code 1_000}, Python 3.6+), and {@code inf},
 * {@code infinity} and {@code nan} in any case. Hexadecimal and non-ASCII digits are refused (Python
 * accepts, for example, Arabic-Indic digits; no metric sender uses them).
 *
 * <p>Numbers of at most 15 significant digits with a decimal exponent within ±22 (every counter and
 * timestamp seen in practice) are converted exactly without allocating; longer ones go through
 * {@link Double#parseDouble} on a String. Stateless.
 */
public final class PythonFloat {
    /** Returned for bytes that Python's {@code float()} would refuse; tell it apart with {@link #isInvalid}. */
    public static final double INVALID = Double.longBitsToDouble(0x7ff8_dead_beef_0001L);

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private PythonFloat() {}

    /** Whether {@code parsed} is the {@link #INVALID} marker rather than a number (a real NaN is not). */
    public static boolean isInvalid(double parsed) {
        return Double.doubleToRawLongBits(parsed) == Double.doubleToRawLongBits(INVALID);
    }

    /** The value of {@code bytes[from, to)}, or {@link #INVALID}. */
    public static double parse(byte[] bytes, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isSpace(bytes[start])) {
            start++;
        }
        while (end > start && isSpace(bytes[end - 1])) {
            end--;
        }
        if (start == end) {
            return INVALID;
        }
        boolean negative = false;
        int position = start;
        if (bytes[position] == '+' || bytes[position] == '-') {
            negative = bytes[position] == '-';
            position++;
        }
        if (position < end && !isDigit(bytes[position]) && bytes[position] != '.') {
            double special = special(bytes, position, end);
            return negative && !isInvalid(special) ? -special : special;
        }
        return decimal(bytes, start, position, end, negative);
    }

    private static double decimal(byte[] bytes, int start, int position, int end, boolean negative) {
        long mantissa = 0;
        int significantDigits = 0;
        int exponent = 0;
        int digits = 0;
        int index = position;
        for (boolean fraction = false; index < end; index++) {
            byte b = bytes[index];
            if (isDigit(b)) {
                digits++;
                if (mantissa != 0 || b != '0') {
                    if (significantDigits < 18) {
                        mantissa = mantissa * 10 + (b - '0');
                    } else if (!fraction) {
                        exponent++;
                    }
                    significantDigits++;
                }
                if (fraction && significantDigits <= 18) {
                    exponent--;
                }
            } else if (b == '_'
                    && index > position
                    && isDigit(bytes[index - 1])
                    && index + 1 < end
                    && isDigit(bytes[index + 1])) {
                // Python 3.6+ accepts one underscore between two digits
            } else if (b == '.' && !fraction) {
                fraction = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return INVALID;
        }
        if (index < end) {
            if (exponentEnd(bytes, index, end) != end) {
                return INVALID;
            }
            exponent += exponentValue(bytes, index + 1, end);
        }
        if (significantDigits <= 15 && mantissa < MAX_EXACT_MANTISSA && Math.abs(exponent) <= 22) {
            double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
            return negative ? -value : value;
        }
        return slowPath(bytes, start, end);
    }

    /** The exponent's value, saturated at ±100,000 (far beyond any double) so that it cannot overflow. */
    private static int exponentValue(byte[] bytes, int from, int end) {
        boolean negative = bytes[from] == '-';
        int value = 0;
        for (int index = from; index < end; index++) {
            byte b = bytes[index];
            if (isDigit(b)) {
                value = Math.min(100_000, value * 10 + (b - '0'));
            }
        }
        return negative ? -value : value;
    }

    /** The end of a valid exponent ({@code e}, optional sign, digits with single underscores between) at {@code index}, else -1. */
    private static int exponentEnd(byte[] bytes, int index, int end) {
        if (bytes[index] != 'e' && bytes[index] != 'E') {
            return -1;
        }
        int position = index + 1;
        if (position < end && (bytes[position] == '+' || bytes[position] == '-')) {
            position++;
        }
        int digitsStart = position;
        for (; position < end; position++) {
            byte b = bytes[position];
            boolean underscore = b == '_'
                    && position > digitsStart
                    && isDigit(bytes[position - 1])
                    && position + 1 < end
                    && isDigit(bytes[position + 1]);
            if (!isDigit(b) && !underscore) {
                return -1;
            }
        }
        return position > digitsStart ? position : -1;
    }

    private static double slowPath(byte[] bytes, int start, int end) {
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        return Double.parseDouble(text.replace("_", ""));
    }

    private static double special(byte[] bytes, int position, int end) {
        int length = end - position;
        if (matches(bytes, position, length, "inf") || matches(bytes, position, length, "infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        return matches(bytes, position, length, "nan") ? Double.NaN : INVALID;
    }

    private static boolean matches(byte[] bytes, int position, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[position + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** ASCII whitespace as Python's {@code str.strip()} sees it, including the information separators 0x1c-0x1f. */
    static boolean isSpace(byte b) {
        // one comparison for the bytes of names and numbers, which are all above the space
        return b <= ' ' && (b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1c && b <= 0x1f));
    }
}
