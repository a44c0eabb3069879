package io.calamari.protocol.graphite;

import io.calamari.protocol.graphite.RestrictedUnpickler.PickleException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The opcode loop of {@link RestrictedUnpickler} over one frame: reads each opcode and its argument,
 * checking every length against the bytes left, and drives the unpickler's stack, marks and memo.
 * Opcodes not listed here are refused. One instance per frame.
 */
final class PickleReader {
    /** Integers longer than this many decimal digits are beyond a double's range anyway. */
    private static final int MAX_INTEGER_DIGITS = 400;

    private static final Object NONE = new Object();
    private static final Object DICT = new Object();

    private final byte[] frame;
    private final int frameLength;
    private final int end;
    private int position;

    PickleReader(byte[] frame, int offset, int end) {
        this.frame = frame;
        this.position = offset;
        this.end = end;
        this.frameLength = end - offset;
    }

    Object read(RestrictedUnpickler machine) throws PickleException {
        while (true) {
            int opcode = readByte();
            switch (opcode) {
                case 0x80 -> { // PROTO
                    int protocol = readByte();
                    if (protocol > 5) {
                        throw new PickleException("unsupported pickle protocol " + protocol);
                    }
                }
                case 0x95 -> skip(8); // FRAME: a hint for buffered readers; the whole frame is here
                case '.' -> { // STOP
                    return machine.pop();
                }
                case '(' -> machine.mark();
                case '0' -> machine.pop();
                case '1' -> machine.popToMark();
                case '2' -> machine.push(machine.top());
                case ']' -> machine.push(new ArrayList<>());
                case 'l' -> machine.push(new ArrayList<>(machine.popToMark()));
                case 'a' -> {
                    Object value = machine.pop();
                    list(machine.top()).add(value);
                }
                case 'e' -> {
                    List<Object> items = machine.popToMark();
                    list(machine.top()).addAll(items);
                }
                case ')' -> machine.push(new Object[0]);
                case 't' -> machine.push(machine.popToMark().toArray());
                case 0x85 -> machine.push(new Object[] {machine.pop()});
                case 0x86 -> {
                    Object second = machine.pop();
                    machine.push(new Object[] {machine.pop(), second});
                }
                case 0x87 -> {
                    Object third = machine.pop();
                    Object second = machine.pop();
                    machine.push(new Object[] {machine.pop(), second, third});
                }
                case '}' -> machine.push(DICT);
                case 'd' -> {
                    machine.popToMark();
                    machine.push(DICT);
                }
                case 's' -> {
                    machine.pop();
                    machine.pop();
                    dict(machine.top());
                }
                case 'u' -> {
                    machine.popToMark();
                    dict(machine.top());
                }
                case 'N' -> machine.push(NONE);
                case 0x88 -> machine.push(Boolean.TRUE);
                case 0x89 -> machine.push(Boolean.FALSE);
                case 'I' -> machine.push(textInteger(line(), false));
                case 'L' -> machine.push(textInteger(line(), true));
                case 'J' -> machine.push((long) littleEndian(4, true));
                case 'K' -> machine.push((long) readByte());
                case 'M' -> machine.push(littleEndian(2, false));
                case 0x8a -> machine.push(binaryInteger(readByte()));
                case 0x8b -> machine.push(binaryInteger(nonNegative(littleEndian(4, true))));
                case 'F' -> machine.push(textFloat(line()));
                case 'G' -> machine.push(Double.longBitsToDouble(bigEndianLong()));
                case 'S' -> machine.push(PickleStrings.escaped(line()));
                case 'V' -> machine.push(PickleStrings.rawUnicodeEscaped(line()));
                case 'T' -> machine.push(text(nonNegative(littleEndian(4, true))));
                case 'U', 'C', 0x8c -> machine.push(text(readByte()));
                case 'X', 'B' -> machine.push(text(littleEndian(4, false)));
                case 0x8d, 0x8e, 0x96 -> machine.push(text(littleEndian(8, false)));
                case 'p' -> machine.memo().put(memoIndex(line()), machine.top(), frameLength);
                case 'q' -> machine.memo().put(readByte(), machine.top(), frameLength);
                case 'r' -> machine.memo().put(littleEndian(4, false), machine.top(), frameLength);
                case 0x94 -> machine.memo().put(machine.memo().size(), machine.top(), frameLength);
                case 'g' -> machine.push(machine.memo().get(memoIndex(line())));
                case 'h' -> machine.push(machine.memo().get(readByte()));
                case 'j' -> machine.push(machine.memo().get(littleEndian(4, false)));
                default -> throw new PickleException(refusal(opcode));
            }
        }
    }

    private static String refusal(int opcode) {
        String name = switch (opcode) {
            case 'c' -> "GLOBAL";
            case 0x93 -> "STACK_GLOBAL";
            case 'R' -> "REDUCE";
            case 'b' -> "BUILD";
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 0x81 -> "NEWOBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 0x82, 0x83, 0x84 -> "EXT";
            case 'P', 'Q' -> "PERSID";
            default -> String.format("0x%02x", opcode);
        };
        return "opcode " + name + " is not allowed";
    }

    private static List<Object> list(Object value) throws PickleException {
        if (value instanceof ArrayList<?>) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) value;
            return list;
        }
        throw new PickleException("APPEND to something that is not a list");
    }

    private static void dict(Object value) throws PickleException {
        if (value != DICT) {
            throw new PickleException("SETITEM to something that is not a dict");
        }
    }

    private int readByte() throws PickleException {
        if (position >= end) {
            throw new PickleException("pickle data was truncated");
        }
        return frame[position++] & 0xff;
    }

    private void skip(long count) throws PickleException {
        require(count);
        position += (int) count;
    }

    private void require(long count) throws PickleException {
        if (count < 0 || count > end - position) {
            throw new PickleException("pickle data was truncated");
        }
    }

    private long littleEndian(int bytes, boolean signed) throws PickleException {
        require(bytes);
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = (value << 8) | (frame[position + i] & 0xff);
        }
        position += bytes;
        return signed && bytes == 4 ? (long) (int) value : value;
    }

    private long bigEndianLong() throws PickleException {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (frame[position + i] & 0xff);
        }
        position += 8;
        return value;
    }

    private static long nonNegative(long length) throws PickleException {
        if (length < 0) {
            throw new PickleException("negative length");
        }
        return length;
    }

    private PickledText text(long length) throws PickleException {
        require(length);
        PickledText text = new PickledText(frame, position, (int) length);
        position += (int) length;
        return text;
    }

    /** The bytes up to the next newline, which is consumed. */
    private PickledText line() throws PickleException {
        for (int i = position; i < end; i++) {
            if (frame[i] == '\n') {
                PickledText line = new PickledText(frame, position, i - position);
                position = i + 1;
                return line;
            }
        }
        throw new PickleException("pickle data was truncated");
    }

    /** LONG1/LONG4: little-endian two's complement. */
    private Object binaryInteger(long length) throws PickleException {
        require(length);
        int count = (int) length;
        Object value;
        if (count <= 8) {
            long result = 0;
            for (int i = count - 1; i >= 0; i--) {
                result = (result << 8) | (frame[position + i] & 0xff);
            }
            value = count == 0 ? 0L : (count < 8 ? (result << (64 - 8 * count)) >> (64 - 8 * count) : result);
        } else if (count <= 200) {
            byte[] bigEndian = new byte[count];
            for (int i = 0; i < count; i++) {
                bigEndian[i] = frame[position + count - 1 - i];
            }
            value = new BigInteger(bigEndian);
        } else {
            value = NONE; // far beyond a double; float() would fail, so the element is skipped
        }
        position += count;
        return value;
    }

    /** INT and LONG in protocol 0: decimal text; {@code I01}/{@code I00} are True/False; LONG may end in L. */
    private static Object textInteger(PickledText line, boolean isLong) throws PickleException {
        String text =
                new String(line.bytes(), line.offset(), line.length(), java.nio.charset.StandardCharsets.US_ASCII);
        if (!isLong && text.equals("01")) {
            return Boolean.TRUE;
        } else if (!isLong && text.equals("00")) {
            return Boolean.FALSE;
        }
        String digits = isLong && text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        if (digits.length() > MAX_INTEGER_DIGITS) {
            return NONE;
        }
        try {
            BigInteger value = new BigInteger(digits.strip());
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            throw new PickleException("invalid integer in pickle");
        }
    }

    private static Double textFloat(PickledText line) throws PickleException {
        double value = PythonFloat.parse(line.bytes(), line.offset(), line.offset() + line.length());
        if (PythonFloat.isInvalid(value)) {
            throw new PickleException("invalid float in pickle");
        }
        return value;
    }

    private static long memoIndex(PickledText line) throws PickleException {
        try {
            return Long.parseLong(
                    new String(line.bytes(), line.offset(), line.length(), java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new PickleException("invalid memo index in pickle");
        }
    }
}
