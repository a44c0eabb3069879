package io.calamari.ceph.command;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Python's {@code int(text, base)} and {@code float(text)}, which the {@code ceph} CLI uses to read
 * numbers: surrounding whitespace, a sign, underscores between digits and, for base 0, the prefixes
 * {@code 0x}, {@code 0o} and {@code 0b} are accepted. Non-finite floats ({@code nan}, {@code inf}) are
 * refused because they have no JSON form. Stateless and thread-safe.
 */
final class PythonNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[0-9](_?[0-9])*");
    private static final Pattern AUTOMATIC =
            Pattern.compile("0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|[1-9](_?[0-9])*|0(_?0)*");
    private static final Pattern HEXADECIMAL = Pattern.compile("0[xX](_?[0-9a-fA-F])+|[0-9a-fA-F](_?[0-9a-fA-F])*");
    private static final Pattern FLOAT =
            Pattern.compile("([0-9](_?[0-9])*(\\.([0-9](_?[0-9])*)?)?|\\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?");

    private PythonNumbers() {}

    /** {@code int(text, base)} for base 0 (automatic), 10 or 16. */
    static Optional<BigInteger> parseInteger(String text, int base) {
        String digits = text.strip();
        boolean negative = false;
        if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        Pattern pattern = switch (base) {
            case 0 -> AUTOMATIC;
            case 10 -> DECIMAL;
            case 16 -> HEXADECIMAL;
            default -> throw new IllegalArgumentException("unsupported base " + base);
        };
        if (!pattern.matcher(digits).matches()) {
            return Optional.empty();
        }
        digits = digits.replace("_", "");
        int radix = base == 0 ? 10 : base;
        String lower = digits.toLowerCase(Locale.ROOT);
        String prefixes = base == 0 ? "xob" : base == 16 ? "x" : "";
        if (lower.length() > 1 && lower.charAt(0) == '0' && prefixes.indexOf(lower.charAt(1)) >= 0) {
            radix = switch (lower.charAt(1)) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            digits = digits.substring(2);
        }
        BigInteger value = new BigInteger(digits, radix);
        return Optional.of(negative ? value.negate() : value);
    }

    /** {@code int(text, base)} when the value fits a {@code long} (what Ceph reads: int64). */
    static Optional<Long> parseLong(String text, int base) {
        return parseInteger(text, base)
                .filter(value -> value.bitLength() < Long.SIZE)
                .map(BigInteger::longValue);
    }

    /** {@code float(text)} for finite values. */
    static OptionalDouble parseFloat(String text) {
        String digits = text.strip();
        String unsigned = digits.startsWith("+") || digits.startsWith("-") ? digits.substring(1) : digits;
        if (!FLOAT.matcher(unsigned).matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(digits.replace("_", ""));
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
