package io.calamari.ceph.parse;

import io.calamari.ceph.model.PgSummary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reduces {@code pg dump pgs_brief -f json} to a {@link PgSummary} while streaming over the array,
 * so no per-PG object is ever built (a million PGs cost a million counter increments, not a
 * million objects). Accepts the bare array (Nautilus, Octopus) and the {@code {"pg_stats": [...]}}
 * wrapper (Pacific+). OSD ids come from {@code acting} (else {@code up}); the CRUSH "none" marker
 * 2147483647 and negative ids are skipped. Stateless and thread-safe.
 */
public final class PgSummaryReducer {
    static final String COMMAND = "pg dump pgs_brief";
    private static final int CRUSH_ITEM_NONE = 0x7fffffff;

    private PgSummaryReducer() {}

    public static PgSummary reduce(byte[] json) {
        return reduce(() -> CephJson.mapper().createParser(json));
    }

    /** Reads the stream to its end; the caller closes it. */
    public static PgSummary reduce(InputStream json) {
        return reduce(() -> CephJson.mapper().createParser(json));
    }

    private static PgSummary reduce(Supplier<JsonParser> parsers) {
        Counts counts = new Counts();
        try (JsonParser parser = parsers.get()) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readPlacementGroups(parser, counts);
            } else if (first == JsonToken.START_OBJECT) {
                if (!readWrapped(parser, counts)) {
                    throw failure("missing field 'pg_stats'");
                }
            } else {
                throw failure("expected an array or an object with 'pg_stats'");
            }
        } catch (JacksonException e) {
            throw new CephParseException(COMMAND, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        return counts.summary();
    }

    private static boolean readWrapped(JsonParser parser, Counts counts) {
        boolean found = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("pg_stats".equals(name) && value == JsonToken.START_ARRAY) {
                readPlacementGroups(parser, counts);
                found = true;
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private static void readPlacementGroups(JsonParser parser, Counts counts) {
        Osds acting = new Osds();
        Osds up = new Osds();
        StringBuilder pgid = new StringBuilder();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw failure("expected a PG object in 'pg_stats', found " + token);
            }
            readPlacementGroup(parser, counts, acting, up, pgid);
        }
    }

    private static void readPlacementGroup(JsonParser parser, Counts counts, Osds acting, Osds up, StringBuilder pgid) {
        int pool = -1;
        int state = -1;
        boolean sawPgid = false;
        boolean sawActing = false;
        acting.clear();
        up.clear();
        pgid.setLength(0);
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "pgid" -> {
                    sawPgid = value == JsonToken.VALUE_STRING;
                    pool = sawPgid ? poolId(parser, pgid) : skip(parser);
                }
                case "state" -> state = value == JsonToken.VALUE_STRING ? counts.stateId(parser) : skip(parser);
                case "acting" -> sawActing = readOsds(parser, value, acting);
                case "up" -> readOsds(parser, value, up);
                default -> parser.skipChildren();
            }
        }
        if (!sawPgid) {
            throw failure("missing field 'pgid' in a PG entry");
        }
        if (state < 0) {
            throw failure("missing field 'state' in PG " + pgid);
        }
        counts.add(pool, state, sawActing ? acting : up);
    }

    private static int skip(JsonParser parser) {
        parser.skipChildren();
        return -1;
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

    /**
     * The pool of a pgid such as {@code 3.1f}: the decimal digits before the dot, read in place;
     * the pgid is copied to {@code pgid} for messages.
     */
    private static int poolId(JsonParser parser, StringBuilder pgid) {
        char[] text = parser.getStringCharacters();
        int offset = parser.getStringOffset();
        int length = parser.getStringLength();
        pgid.append(text, offset, length);
        long pool = 0;
        int index = 0;
        while (index < length && text[offset + index] != '.') {
            char digit = text[offset + index];
            if (digit < '0' || digit > '9' || pool > Integer.MAX_VALUE / 10) {
                throw failure("malformed pgid '" + pgid + "'");
            }
            pool = pool * 10 + (digit - '0');
            index++;
        }
        if (index == 0) {
            throw failure("malformed pgid '" + pgid + "'");
        }
        return (int) pool;
    }

    private static CephParseException failure(String problem) {
        return new CephParseException(COMMAND, problem);
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

    /**
     * Mutable accumulation, confined to one reduce call. A cluster has a handful of distinct
     * state strings, so each gets a small number on first sight (compared in place, without
     * building a String per PG), and the counts are arrays indexed by it: per OSD an array
     * indexed by OSD id, per pool a map of the few pools.
     */
    private static final class Counts {
        private final List<char[]> stateCharacters = new ArrayList<>();
        private final List<String> states = new ArrayList<>();
        private long[] all = new long[4];
        private final Map<Integer, long[]> byPool = new HashMap<>();
        private long[] @Nullable [] byOsd = new long[64][];

        /** The number of the state the parser is on, assigned on first sight. */
        int stateId(JsonParser parser) {
            char[] text = parser.getStringCharacters();
            int offset = parser.getStringOffset();
            int length = parser.getStringLength();
            for (int id = 0; id < stateCharacters.size(); id++) {
                char[] known = stateCharacters.get(id);
                if (known.length == length && Arrays.equals(known, 0, length, text, offset, offset + length)) {
                    return id;
                }
            }
            String state = new String(text, offset, length);
            stateCharacters.add(state.toCharArray());
            states.add(state);
            return states.size() - 1;
        }

        void add(int pool, int state, Osds osds) {
            all = increment(all, state);
            byPool.put(pool, increment(byPool.get(pool), state));
            for (int index = 0; index < osds.size; index++) {
                int osd = osds.ids[index];
                if (osd >= byOsd.length) {
                    byOsd = Arrays.copyOf(byOsd, Math.max(osd + 1, byOsd.length * 2));
                }
                byOsd[osd] = increment(byOsd[osd], state);
            }
        }

        private long[] increment(long @Nullable [] counts, int state) {
            long[] grown = counts == null || counts.length <= state ? grow(counts) : counts;
            grown[state]++;
            return grown;
        }

        private long[] grow(long @Nullable [] counts) {
            return counts == null ? new long[states.size() + 2] : Arrays.copyOf(counts, states.size() + 2);
        }

        PgSummary summary() {
            Map<Integer, Map<String, Long>> osdCounts = new HashMap<>();
            for (int osd = 0; osd < byOsd.length; osd++) {
                long[] counts = byOsd[osd];
                if (counts != null) {
                    osdCounts.put(osd, named(counts));
                }
            }
            Map<Integer, Map<String, Long>> poolCounts = new HashMap<>();
            byPool.forEach((pool, counts) -> poolCounts.put(pool, named(counts)));
            Map<String, Long> allCounts = named(all);
            return new PgSummary(osdCounts, poolCounts, allCounts, digest(allCounts, poolCounts, osdCounts));
        }

        private Map<String, Long> named(long[] counts) {
            Map<String, Long> named = new HashMap<>();
            for (int state = 0; state < counts.length; state++) {
                if (counts[state] > 0) {
                    named.put(states.get(state), counts[state]);
                }
            }
            return named;
        }

        /** SHA-256 over a canonical (sorted) rendering of the three count maps. */
        private static String digest(
                Map<String, Long> all, Map<Integer, Map<String, Long>> byPool, Map<Integer, Map<String, Long>> byOsd) {
            StringBuilder text = new StringBuilder();
            text.append("all").append(new TreeMap<>(all)).append('\n');
            appendSorted(text, "pool", byPool);
            appendSorted(text, "osd", byOsd);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] hash = sha.digest(text.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        private static void appendSorted(StringBuilder text, String label, Map<Integer, Map<String, Long>> counts) {
            for (Map.Entry<Integer, Map<String, Long>> entry : new TreeMap<>(counts).entrySet()) {
                text.append(label)
                        .append(entry.getKey())
                        .append(new TreeMap<>(entry.getValue()))
                        .append('\n');
            }
        }
    }
}
