package io.calamari.tsdb.query;

import java.math.BigDecimal;

/**
 * Numbers the way graphite-web's Python prints them: {@code repr(float)} for raw output and tags,
 * {@code %g} in series names. Stateless.
 */
public final class PythonFormat {
    private PythonFormat() {}

    /** Python's {@code repr} of a float: shortest round-trip digits, {@code 1.0}, {@code 1e+20}. */
    public static String repr(double value) {
        StringBuilder out = new StringBuilder(24);
        appendRepr(out, value);
        return out.toString();
    }

    /** Appends Python's {@code repr} of a float without intermediate strings beyond Java's digits. */
    public static void appendRepr(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("nan");
            return;
        }
        if (Double.isInfinite(value)) {
            out.append(value > 0 ? "inf" : "-inf");
            return;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            out.append((long) value).append(".0");
            if (value == 0 && 1 / value < 0) {
                out.setLength(out.length() - 3);
                out.append("-0.0");
            }
            return;
        }
        String java = Double.toString(value);
        if (java.indexOf('E') < 0) {
            // Java writes 1e-3 <= |x| < 1e7 positionally, exactly as Python's repr does
            out.append(java);
            return;
        }
        // otherwise Java's shortest digits, laid out as Python does: exponent below 1e-4 and from 1e16
        BigDecimal decimal = new BigDecimal(java).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        if (value < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (exponent < 0) {
            out.append("0.");
            out.append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits)
                    .append("0".repeat(exponent + 1 - digits.length()))
                    .append(".0");
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
    }

    /** Python's {@code str} of a value as graphite-web puts it in tags: ints plain, floats by repr. */
    public static String str(Object value) {
        if (value instanceof Double number) {
            return repr(number);
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** Python's {@code "%g" % value}: six significant digits, trailing zeros dropped. */
    public static String g(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        String scientific = String.format(java.util.Locale.ROOT, "%.5e", value);
        int e = scientific.indexOf('e');
        int exponent = Integer.parseInt(scientific.substring(e + 1));
        if (exponent < -4 || exponent >= 6) {
            String mantissa = stripZeros(scientific.substring(0, e));
            String sign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return stripZeros(String.format(java.util.Locale.ROOT, "%." + Math.max(0, 5 - exponent) + "f", value));
    }

    private static String stripZeros(String number) {
        if (number.indexOf('.') < 0) {
            return number;
        }
        int end = number.length();
        while (number.charAt(end - 1) == '0') {
            end--;
        }
        if (number.charAt(end - 1) == '.') {
            end--;
        }
        return number.substring(0, end);
    }
}
