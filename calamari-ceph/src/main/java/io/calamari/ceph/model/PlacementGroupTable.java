package io.calamari.ceph.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Every PG of a cluster as the PG dump lists it (pool, seed, state, acting set), held in flat
 * arrays sorted by pgid: a million PGs cost about 6 bytes plus 4 per acting OSD each, and no
 * object. It gives the {@link PgSummary}, and it can take the states of only the PGs that are not
 * {@code active+clean} ({@link #withOnlyUnclean}), so that a PG-state change in a large healthy
 * cluster needs a short {@code pg ls} instead of the whole dump. Immutable; build one with
 * {@link Builder}.
 */
public final class PlacementGroupTable {
    /** The state every PG not listed by {@link #withOnlyUnclean} is in. */
    public static final String ACTIVE_CLEAN = "active+clean";

    private final long[] keys;
    private final short[] states;
    private final int[] acting;
    private final int width;
    private final List<String> stateNames;

    private PlacementGroupTable(long[] keys, short[] states, int[] acting, int width, List<String> stateNames) {
        this.keys = keys;
        this.states = states;
        this.acting = acting;
        this.width = width;
        this.stateNames = List.copyOf(stateNames);
    }

    public int size() {
        return keys.length;
    }

    /**
     * This table with the PGs of {@code unclean} in their states and acting sets and every other PG
     * {@code active+clean} with the acting set it had; empty when {@code unclean} names a PG this
     * table does not have (the PGs changed: fetch the whole dump again).
     */
    public Optional<PlacementGroupTable> withOnlyUnclean(PlacementGroupTable unclean) {
        List<String> names = new ArrayList<>(stateNames);
        short clean = stateId(names, ACTIVE_CLEAN);
        short[] newStates = new short[states.length];
        Arrays.fill(newStates, clean);
        int newWidth = Math.max(width, unclean.width);
        int[] newActing = widened(acting, width, newWidth);
        for (int listed = 0; listed < unclean.keys.length; listed++) {
            int index = Arrays.binarySearch(keys, unclean.keys[listed]);
            if (index < 0) {
                return Optional.empty();
            }
            newStates[index] = stateId(names, unclean.stateNames.get(unclean.states[listed]));
            System.arraycopy(unclean.acting, listed * unclean.width, newActing, index * newWidth, unclean.width);
            Arrays.fill(newActing, index * newWidth + unclean.width, (index + 1) * newWidth, -1);
        }
        return Optional.of(new PlacementGroupTable(keys, newStates, newActing, newWidth, names));
    }

    private static short stateId(List<String> names, String state) {
        int id = names.indexOf(state);
        if (id >= 0) {
            return (short) id;
        }
        names.add(state);
        return (short) (names.size() - 1);
    }

    private static int[] widened(int[] acting, int width, int newWidth) {
        if (newWidth == width) {
            return acting.clone();
        }
        int rows = width == 0 ? 0 : acting.length / width;
        int[] wider = new int[rows * newWidth];
        Arrays.fill(wider, -1);
        for (int row = 0; row < rows; row++) {
            System.arraycopy(acting, row * width, wider, row * newWidth, width);
        }
        return wider;
    }

    /** PG counts per combined state for each OSD (its acting sets), each pool, and the cluster. */
    public PgSummary summary() {
        int stateCount = stateNames.size();
        long[] all = new long[stateCount];
        Map<Integer, long[]> byPool = new HashMap<>();
        long[][] byOsd = new long[0][];
        int lastPool = Integer.MIN_VALUE;
        long[] poolCounts = all;
        for (int pg = 0; pg < keys.length; pg++) {
            int state = states[pg];
            all[state]++;
            int pool = (int) (keys[pg] >>> 32);
            if (pool != lastPool) {
                poolCounts = byPool.computeIfAbsent(pool, id -> new long[stateCount]);
                lastPool = pool;
            }
            poolCounts[state]++;
            for (int copy = pg * width; copy < (pg + 1) * width; copy++) {
                int osd = acting[copy];
                if (osd < 0) {
                    continue;
                }
                if (osd >= byOsd.length) {
                    byOsd = Arrays.copyOf(byOsd, Math.max(osd + 1, byOsd.length * 2));
                }
                long[] counts = byOsd[osd];
                if (counts == null) {
                    counts = new long[stateCount];
                    byOsd[osd] = counts;
                }
                counts[state]++;
            }
        }
        Map<Integer, Map<String, Long>> osds = new HashMap<>();
        for (int osd = 0; osd < byOsd.length; osd++) {
            if (byOsd[osd] != null) {
                osds.put(osd, named(byOsd[osd]));
            }
        }
        Map<Integer, Map<String, Long>> pools = new HashMap<>();
        byPool.forEach((pool, counts) -> pools.put(pool, named(counts)));
        Map<String, Long> cluster = named(all);
        return new PgSummary(osds, pools, cluster, digest(cluster, pools, osds));
    }

    private Map<String, Long> named(long[] counts) {
        Map<String, Long> named = new HashMap<>();
        for (int state = 0; state < counts.length; state++) {
            if (counts[state] > 0) {
                named.put(stateNames.get(state), counts[state]);
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
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
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

    /**
     * Collects PGs one at a time, in any order. A state is given by its characters (compared in
     * place: a cluster has a handful of distinct states, so no String is built per PG). Not
     * thread-safe.
     */
    public static final class Builder {
        private final List<char[]> stateCharacters = new ArrayList<>();
        private final List<String> stateNames = new ArrayList<>();
        private long[] keys = new long[1024];
        private short[] states = new short[1024];
        private int[] acting = new int[1024 * 3];
        private int width = 3;
        private int size;

        /**
         * Adds PG {@code pool.seed} in {@code state} ({@code length} characters of {@code text} from
         * {@code offset}) with the first {@code osdCount} ids of {@code osds} as its acting set.
         */
        public void add(int pool, int seed, char[] text, int offset, int length, int[] osds, int osdCount) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                states = Arrays.copyOf(states, size * 2);
            }
            if (osdCount > width) {
                acting = widened(acting, width, osdCount);
                width = osdCount;
            }
            if ((size + 1) * width > acting.length) {
                acting = Arrays.copyOf(acting, keys.length * width);
            }
            keys[size] = (long) pool << 32 | (seed & 0xFFFFFFFFL);
            states[size] = stateId(text, offset, length);
            System.arraycopy(osds, 0, acting, size * width, osdCount);
            Arrays.fill(acting, size * width + osdCount, (size + 1) * width, -1);
            size++;
        }

        private short stateId(char[] text, int offset, int length) {
            for (int id = 0; id < stateCharacters.size(); id++) {
                char[] known = stateCharacters.get(id);
                if (known.length == length && Arrays.equals(known, 0, length, text, offset, offset + length)) {
                    return (short) id;
                }
            }
            if (stateNames.size() == Short.MAX_VALUE) {
                throw new IllegalArgumentException("more than " + Short.MAX_VALUE + " distinct PG states");
            }
            String state = new String(text, offset, length);
            stateCharacters.add(state.toCharArray());
            stateNames.add(state);
            return (short) (stateNames.size() - 1);
        }

        /**
         * The table, sorted by pgid.
         *
         * @throws IllegalArgumentException if a pgid appears twice
         */
        public PlacementGroupTable build() {
            int[] order = sortedOrder();
            long[] sortedKeys = new long[size];
            short[] sortedStates = new short[size];
            int[] sortedActing = new int[size * width];
            for (int index = 0; index < size; index++) {
                int from = order == null ? index : order[index];
                sortedKeys[index] = keys[from];
                sortedStates[index] = states[from];
                System.arraycopy(acting, from * width, sortedActing, index * width, width);
                if (index > 0 && sortedKeys[index] == sortedKeys[index - 1]) {
                    throw new IllegalArgumentException("PG " + (sortedKeys[index] >>> 32) + "."
                            + Long.toHexString(sortedKeys[index] & 0xFFFFFFFFL) + " listed twice");
                }
            }
            return new PlacementGroupTable(sortedKeys, sortedStates, sortedActing, width, stateNames);
        }

        /** The order that sorts the keys, or null when they are sorted already (as Ceph often lists them). */
        private int @Nullable [] sortedOrder() {
            boolean sorted = true;
            for (int index = 1; index < size && sorted; index++) {
                sorted = keys[index - 1] < keys[index];
            }
            if (sorted) {
                return null;
            }
            return IntStream.range(0, size)
                    .boxed()
                    .sorted(Comparator.comparingLong(index -> keys[index]))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
    }
}
