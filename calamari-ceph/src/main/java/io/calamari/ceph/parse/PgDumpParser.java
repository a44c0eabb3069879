package io.calamari.ceph.parse;

import io.calamari.ceph.model.PlacementGroupTable;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the PG lists of {@code pg dump pgs_brief -f json} and {@code pg ls -f json} into a
 * {@link PlacementGroupTable} (whose {@link PlacementGroupTable#summary()} gives the counts) while streaming over the
 * array, so no per-PG object is ever built. Accepts the bare array (Nautilus, Octopus), the {@code
 * {"pg_stats": [...]}} wrapper (Pacific+), and {@code pg ls}'s {@code {"pg_ready": true}} without
 * {@code pg_stats} when no PG matches. Of each PG it reads {@code pgid}, {@code state} and
 * {@code acting} (else {@code up}); the CRUSH "none" marker 2147483647 and negative ids are
 * skipped. Stateless and thread-safe.
 */
public final class PgDumpParser {
    static final String COMMAND = "pg dump pgs_brief";
    private static final int CRUSH_ITEM_NONE = 0x7fffffff;

    private PgDumpParser() {}

    /** The PGs of {@code pg dump pgs_brief}. */
    public static PlacementGroupTable table(byte[] json) {
        return read(() -> CephJson.mapper().createParser(json), COMMAND, false);
    }

    /** Reads the stream to its end; the caller closes it. */
    public static PlacementGroupTable table(InputStream json) {
        return read(() -> CephJson.mapper().createParser(json), COMMAND, false);
    }

    /** The PGs {@code pg ls} listed: {@code pg_stats} may be missing, meaning none. */
    public static PlacementGroupTable listed(byte[] json) {
        return read(() -> CephJson.mapper().createParser(json), "pg ls", true);
    }

    private static PlacementGroupTable read(Supplier<JsonParser> parsers, String command, boolean mayBeEmpty) {
        Reader reader = new Reader(command);
        try (JsonParser parser = parsers.get()) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                reader.readPlacementGroups(parser);
            } else if (first == JsonToken.START_OBJECT) {
                if (!reader.readWrapped(parser) && !mayBeEmpty) {
                    throw reader.failure("missing field 'pg_stats'");
                }
            } else {
                throw reader.failure("expected an array or an object with 'pg_stats'");
            }
        } catch (JacksonException e) {
            throw new CephParseException(command, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return reader.table.build();
        } catch (IllegalArgumentException e) {
            throw reader.failure(String.valueOf(e.getMessage()));
        }
    }

    /** The state of one read, with buffers reused from PG to PG. */
    private static final class Reader {
        final String command;
        final PlacementGroupTable.Builder table = new PlacementGroupTable.Builder();
        final Osds acting = new Osds();
        final Osds up = new Osds();
        final StringBuilder pgid = new StringBuilder();
        char[] stateCharacters = new char[64];
        int stateLength;

        Reader(String command) {
            this.command = command;
        }

        CephParseException failure(String problem) {
            return new CephParseException(command, problem);
        }

        boolean readWrapped(JsonParser parser) {
            boolean found = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("pg_stats".equals(name) && value == JsonToken.START_ARRAY) {
                    readPlacementGroups(parser);
                    found = true;
                } else {
                    parser.skipChildren();
                }
            }
            return found;
        }

        void readPlacementGroups(JsonParser parser) {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    throw failure("expected a PG object in 'pg_stats', found " + token);
                }
                readPlacementGroup(parser);
            }
        }

        private void readPlacementGroup(JsonParser parser) {
            long pool = -1;
            boolean sawState = false;
            boolean sawActing = false;
            acting.clear();
            up.clear();
            pgid.setLength(0);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "pgid" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            pool = readPgid(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "state" -> {
                        sawState = value == JsonToken.VALUE_STRING;
                        if (sawState) {
                            copyState(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "acting" -> sawActing = readOsds(parser, value, acting);
                    case "up" -> readOsds(parser, value, up);
                    default -> parser.skipChildren();
                }
            }
            if (pool < 0) {
                throw failure("missing field 'pgid' in a PG entry");
            }
            if (!sawState) {
                throw failure("missing field 'state' in PG " + pgid);
            }
            Osds osds = sawActing ? acting : up;
            table.add((int) (pool >>> 32), (int) pool, stateCharacters, 0, stateLength, osds.ids, osds.size);
        }

        /** The pool and seed of a pgid such as {@code 3.1f} (decimal, dot, hexadecimal), read in place, as pool << 32 | seed. */
        private long readPgid(JsonParser parser) {
            char[] text = parser.getStringCharacters();
            int offset = parser.getStringOffset();
            int length = parser.getStringLength();
            pgid.append(text, offset, length);
            int dot = 0;
            while (dot < length && text[offset + dot] != '.') {
                dot++;
            }
            long pool = number(text, offset, dot, 10);
            long seed = dot < length ? number(text, offset + dot + 1, length - dot - 1, 16) : 0;
            if (pool < 0 || seed < 0) {
                throw failure("malformed pgid '" + pgid + "'");
            }
            return pool << 32 | seed;
        }

        /** A non-negative number below 2^31 in {@code radix}, or -1. */
        private static long number(char[] text, int offset, int length, int radix) {
            if (length == 0) {
                return -1;
            }
            long value = 0;
            for (int index = offset; index < offset + length; index++) {
                int digit = Character.digit(text[index], radix);
                if (digit < 0 || value > Integer.MAX_VALUE / radix) {
                    return -1;
                }
                value = value * radix + digit;
            }
            return value <= Integer.MAX_VALUE ? value : -1;
        }

        private void copyState(JsonParser parser) {
            int length = parser.getStringLength();
            if (length > stateCharacters.length) {
                stateCharacters = new char[length];
            }
            System.arraycopy(parser.getStringCharacters(), parser.getStringOffset(), stateCharacters, 0, length);
            stateLength = length;
        }
    }

    private static boolean readOsds(JsonParser parser, JsonToken value, Osds osds) {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return false;
        }
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                int osd = parser.getIntValue();
                if (osd >= 0 && osd != CRUSH_ITEM_NONE) {
                    osds.add(osd);
                }
            } else {
                parser.skipChildren();
            }
        }
        return true;
    }

    /** The OSD ids of one PG's {@code up} or {@code acting} set, reused from PG to PG. */
    private static final class Osds {
        private int[] ids = new int[8];
        private int size;

        void clear() {
            size = 0;
        }

        void add(int osd) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = osd;
        }
    }
}
