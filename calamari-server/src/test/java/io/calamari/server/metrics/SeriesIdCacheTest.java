package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeriesIdCacheTest {
    @Test
    void findsWhatWasPutByTheBytesAlone() {
        SeriesIdCache cache = new SeriesIdCache(1_000_000);
        for (int i = 0; i < 100_000; i++) {
            put(cache, "ceph.cluster.f00d.osd." + i + ".op_r", i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(get(cache, "ceph.cluster.f00d.osd." + i + ".op_r")).isEqualTo(i);
        }
        assertThat(get(cache, "ceph.cluster.f00d.osd.100000.op_r")).isEqualTo(SeriesIdCache.MISSING);
        assertThat(cache.size()).isEqualTo(100_000);
    }

    @Test
    void comparesOnlyTheGivenRange() {
        SeriesIdCache cache = new SeriesIdCache(10);
        byte[] line = "xx a.b 1 2".getBytes(StandardCharsets.US_ASCII);
        cache.put(line, 3, 3, SeriesIdCache.hash(line, 3, 3), 7);

        assertThat(get(cache, "a.b")).isEqualTo(7);
        assertThat(get(cache, "a.bc")).isEqualTo(SeriesIdCache.MISSING);
        assertThat(get(cache, "a.")).isEqualTo(SeriesIdCache.MISSING);
    }

    @Test
    void startsAfreshWhenFull() {
        SeriesIdCache cache = new SeriesIdCache(3);
        put(cache, "a", 1);
        put(cache, "b", 2);
        put(cache, "c", 3);
        put(cache, "d", 4);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(get(cache, "d")).isEqualTo(4);
        assertThat(get(cache, "a")).isEqualTo(SeriesIdCache.MISSING);
    }

    @Test
    void negativeIdsAreCachedRefusals() {
        SeriesIdCache cache = new SeriesIdCache(10);
        put(cache, "bad..name", -1);
        assertThat(get(cache, "bad..name")).isEqualTo(-1);
    }

    private static void put(SeriesIdCache cache, String name, int id) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        cache.put(bytes, 0, bytes.length, SeriesIdCache.hash(bytes, 0, bytes.length), id);
    }

    private static int get(SeriesIdCache cache, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return cache.get(bytes, 0, bytes.length, SeriesIdCache.hash(bytes, 0, bytes.length));
    }
}
