package io.calamari.protocol.graphite;

import io.calamari.protocol.graphite.RestrictedUnpickler.PickleException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two text encodings of pickle protocol 0: {@code STRING}'s quoted, backslash-escaped bytes
 * (Python's {@code codecs.escape_decode}) and {@code UNICODE}'s raw-unicode-escape. Both produce a
 * copy no longer than the input line (UTF-8 of {@code \\uXXXX} takes at most 3 bytes for 6). Stateless.
 */
final class PickleStrings {
    private PickleStrings() {}

    static PickledText escaped(PickledText line) throws PickleException {
        byte[] bytes = line.bytes();
        int start = line.offset();
        int end = start + line.length();
        if (line.length() < 2 || bytes[start] != bytes[end - 1] || (bytes[start] != '\'' && bytes[start] != '"')) {
            throw new PickleException("the STRING opcode argument must be quoted");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length());
        for (int i = start + 1; i < end - 1; i++) {
            byte b = bytes[i];
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (++i >= end - 1) {
                throw new PickleException("trailing \\ in string");
            }
            byte escape = bytes[i];
            switch (escape) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case '\\', '\'', '"' -> out.write(escape);
                case '\n' -> {} // line continuation
                case 'x' -> {
                    if (i + 2 >= end - 1 || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                        throw new PickleException("invalid \\x escape in string");
                    }
                    out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                    i += 2;
                }
                default -> {
                    if (escape >= '0' && escape <= '7') {
                        int value = escape - '0';
                        for (int digits = 1;
                                digits < 3 && i + 1 < end - 1 && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                                digits++) {
                            value = value * 8 + (bytes[++i] - '0');
                        }
                        out.write(value & 0xff);
                    } else {
                        out.write('\\'); // Python keeps unknown escapes as they are
                        out.write(escape);
                    }
                }
            }
        }
        byte[] decoded = out.toByteArray();
        return new PickledText(decoded, 0, decoded.length);
    }

    /** Raw-unicode-escape: bytes are Latin-1 characters, except {@code \\uXXXX} and {@code \\UXXXXXXXX}. */
    static PickledText rawUnicodeEscaped(PickledText line) throws PickleException {
        byte[] bytes = line.bytes();
        int end = line.offset() + line.length();
        StringBuilder text = new StringBuilder(line.length());
        for (int i = line.offset(); i < end; i++) {
            int b = bytes[i] & 0xff;
            int digits = b == '\\' && i + 1 < end ? (bytes[i + 1] == 'u' ? 4 : bytes[i + 1] == 'U' ? 8 : 0) : 0;
            if (digits == 0) {
                text.append((char) b);
                continue;
            }
            if (i + 1 + digits >= end) {
                throw new PickleException("truncated \\uXXXX escape");
            }
            int codePoint = 0;
            for (int d = 0; d < digits; d++) {
                int value = hex(bytes[i + 2 + d]);
                if (value < 0) {
                    throw new PickleException("truncated \\uXXXX escape");
                }
                codePoint = codePoint * 16 + value;
            }
            if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
                throw new PickleException("\\Uxxxxxxxx out of range");
            }
            text.appendCodePoint(codePoint);
            i += 1 + digits;
        }
        byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
        return new PickledText(encoded, 0, encoded.length);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
