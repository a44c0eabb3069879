package io.calamari.ceph.parse;

import io.calamari.ceph.model.PgSummary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
        List<Integer> acting = new ArrayList<>();
        List<Integer> up = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw failure("expected a PG object in 'pg_stats', found " + token);
            }
            readPlacementGroup(parser, counts, acting, up);
        }
    }

    private static void readPlacementGroup(JsonParser parser, Counts counts, List<Integer> acting, List<Integer> up) {
        String pgid = null;
        String state = null;
        boolean sawActing = false;
        acting.clear();
        up.clear();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "pgid" -> pgid = scalar(parser, value);
                case "state" -> state = scalar(parser, value);
                case "acting" -> sawActing = readOsds(parser, value, acting);
                case "up" -> readOsds(parser, value, up);
                default -> parser.skipChildren();
            }
        }
        if (pgid == null) {
            throw failure("missing field 'pgid' in a PG entry");
        }
        if (state == null) {
            throw failure("missing field 'state' in PG " + pgid);
        }
        counts.add(poolId(pgid), state, sawActing ? acting : up);
    }

    private static @Nullable String scalar(JsonParser parser, JsonToken value) {
        if (value.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return value == JsonToken.VALUE_NULL ? null : parser.getString();
    }

    private static boolean readOsds(JsonParser parser, JsonToken value, List<Integer> osds) {
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

    private static int poolId(String pgid) {
        int dot = pgid.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? pgid : pgid.substring(0, dot));
        } catch (NumberFormatException e) {
            throw failure("malformed pgid '" + pgid + "'");
        }
    }

    private static CephParseException failure(String problem) {
        return new CephParseException(COMMAND, problem);
    }

    /** Mutable accumulation, confined to one reduce call. */
    private static final class Counts {
        private final Map<Integer, Map<String, Long>> byOsd = new HashMap<>();
        private final Map<Integer, Map<String, Long>> byPool = new HashMap<>();
        private final Map<String, Long> all = new HashMap<>();

        void add(int pool, String state, List<Integer> osds) {
            all.merge(state, 1L, Long::sum);
            byPool.computeIfAbsent(pool, id -> new HashMap<>()).merge(state, 1L, Long::sum);
            for (int osd : osds) {
                byOsd.computeIfAbsent(osd, id -> new HashMap<>()).merge(state, 1L, Long::sum);
            }
        }

        PgSummary summary() {
            return new PgSummary(byOsd, byPool, all, digest());
        }

        /** SHA-256 over a canonical (sorted) rendering of the three count maps. */
        private String digest() {
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
