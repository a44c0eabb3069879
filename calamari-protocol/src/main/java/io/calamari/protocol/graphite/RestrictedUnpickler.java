package io.calamari.protocol.graphite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unpickles one carbon pickle frame, a list of {@code (path, (timestamp, value))}, using only the data
 * opcodes of pickle protocols 0 to 5. Every opcode that could name or call code ({@code GLOBAL},
 * {@code STACK_GLOBAL}, {@code REDUCE}, {@code BUILD}, {@code INST}, {@code OBJ}, {@code NEWOBJ},
 * {@code NEWOBJ_EX}, {@code EXT1/2/4}, {@code PERSID}, {@code BINPERSID}) and every unknown one
 * makes the frame invalid, as do truncated data and lengths that point past the frame's end; strings
 * are views into the frame, so nothing larger than the frame is allocated. A frame that fails is
 * reported once as {@link Rejection#FRAME}; an element of the wrong shape as {@link
 * Rejection#ELEMENT}; a value that is not a number as {@link Rejection#NUMBER}. Not thread-safe: one
 * instance per reading thread, reused across frames.
 */
public final class RestrictedUnpickler {
    private final ArrayList<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final PickleMemo memo = new PickleMemo();

    /** Unpickles {@code frame[offset, offset + length)} and reports its points to {@code handler}. */
    public void unpickle(byte[] frame, int offset, int length, GraphiteHandler handler) {
        Object result;
        try {
            result = new PickleReader(frame, offset, offset + length).read(this);
        } catch (PickleException e) {
            byte[] message = e.getMessage().getBytes(StandardCharsets.US_ASCII);
            handler.rejected(Rejection.FRAME, message, 0, message.length);
            return;
        } finally {
            stack.clear();
            markCount = 0;
            memo.clear();
        }
        if (!(result instanceof List<?> || result instanceof Object[])) {
            reject(handler, Rejection.FRAME, "the pickle is not a list of (path, (timestamp, value))");
            return;
        }
        for (Object element : items(result)) {
            deliver(element, handler);
        }
    }

    private static void deliver(Object element, GraphiteHandler handler) {
        List<?> pair = pair(element);
        List<?> datapoint = pair == null ? null : pair(pair.get(1));
        if (pair == null || datapoint == null || !(pair.get(0) instanceof PickledText path)) {
            reject(handler, Rejection.ELEMENT, "an element is not (path, (timestamp, value))");
            return;
        }
        double timestamp = number(datapoint.get(0));
        double value = number(datapoint.get(1));
        if (PythonFloat.isInvalid(timestamp) || PythonFloat.isInvalid(value)) {
            reject(handler, Rejection.NUMBER, "timestamp or value is not a number");
            return;
        }
        handler.point(path.bytes(), path.offset(), path.length(), value, timestamp);
    }

    private static @org.jspecify.annotations.Nullable List<?> pair(Object value) {
        List<?> items = value instanceof List<?> || value instanceof Object[] ? items(value) : null;
        return items != null && items.size() == 2 ? items : null;
    }

    private static List<?> items(Object listOrTuple) {
        return listOrTuple instanceof Object[] tuple ? Arrays.asList(tuple) : (List<?>) listOrTuple;
    }

    /** What Python's {@code float()} makes of a pickled value, or {@link PythonFloat#INVALID}. */
    private static double number(Object value) {
        if (value instanceof Long integer) {
            return integer;
        } else if (value instanceof Double floating) {
            return floating;
        } else if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        } else if (value instanceof java.math.BigInteger big) {
            double converted = big.doubleValue();
            return Double.isInfinite(converted) ? PythonFloat.INVALID : converted; // Python: OverflowError
        } else if (value instanceof PickledText text) {
            return PythonFloat.parse(text.bytes(), text.offset(), text.offset() + text.length());
        }
        return PythonFloat.INVALID;
    }

    private static void reject(GraphiteHandler handler, Rejection reason, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        handler.rejected(reason, bytes, 0, bytes.length);
    }

    // ---------------------------------------------------------------- the machine, used by PickleReader

    void push(Object value) {
        stack.add(value);
    }

    Object pop() throws PickleException {
        if (stack.size() <= stackFloor()) {
            throw new PickleException("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    Object top() throws PickleException {
        if (stack.size() <= stackFloor()) {
            throw new PickleException("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    void mark() {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = stack.size();
    }

    /** Pops everything above the last mark and the mark itself, oldest first. */
    List<Object> popToMark() throws PickleException {
        if (markCount == 0) {
            throw new PickleException("no MARK on the stack");
        }
        int mark = marks[--markCount];
        List<Object> items = stack.subList(mark, stack.size());
        List<Object> copy = new ArrayList<>(items);
        items.clear();
        return copy;
    }

    PickleMemo memo() {
        return memo;
    }

    private int stackFloor() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    /** Python's memo: index → object. Dense indices in an array, stray ones in a map. */
    static final class PickleMemo {
        private Object[] dense = new Object[64];
        private int highest = -1;
        private long count;
        private final Map<Long, Object> sparse = new HashMap<>();

        void put(long index, Object value, int frameLength) {
            if (index >= 0 && index <= frameLength) {
                int slot = (int) index;
                if (slot >= dense.length) {
                    dense = Arrays.copyOf(dense, Math.max(slot + 1, dense.length * 2));
                }
                if (dense[slot] == null) {
                    count++;
                }
                dense[slot] = value;
                highest = Math.max(highest, slot);
            } else {
                if (sparse.put(index, value) == null) {
                    count++;
                }
            }
        }

        Object get(long index) throws PickleException {
            Object value = index >= 0 && index < dense.length ? dense[(int) index] : sparse.get(index);
            if (value == null) {
                throw new PickleException("memo key " + index + " not found");
            }
            return value;
        }

        /** The next MEMOIZE index: Python uses {@code len(memo)}. */
        long size() {
            return count;
        }

        void clear() {
            Arrays.fill(dense, 0, highest + 1, null);
            highest = -1;
            count = 0;
            sparse.clear();
            if (dense.length > 4096) {
                dense = new Object[64];
            }
        }
    }

    /** A frame that cannot be unpickled; carries no stack trace, since it is expected input. */
    static final class PickleException extends Exception {
        private static final long serialVersionUID = 1L;

        PickleException(String message) {
            super(message, null, false, false);
        }

        @Override
        public String getMessage() {
            return String.valueOf(super.getMessage());
        }
    }
}
