package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.Pool;
import io.calamari.server.cluster.OsdMapPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One fact a request sets out to make true, checked against a snapshot when a server restart has
 * interrupted the request between commands: if every expectation holds, the change went through.
 * Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Expectation.Flag.class, name = "flag"),
    @JsonSubTypes.Type(value = Expectation.OsdIn.class, name = "osd_in"),
    @JsonSubTypes.Type(value = Expectation.OsdDown.class, name = "osd_down"),
    @JsonSubTypes.Type(value = Expectation.OsdReweight.class, name = "osd_reweight"),
    @JsonSubTypes.Type(value = Expectation.PoolPresent.class, name = "pool_present"),
    @JsonSubTypes.Type(value = Expectation.PoolAbsent.class, name = "pool_absent"),
    @JsonSubTypes.Type(value = Expectation.CrushBucketPresent.class, name = "crush_bucket_present"),
    @JsonSubTypes.Type(value = Expectation.CrushBucketAbsent.class, name = "crush_bucket_absent"),
    @JsonSubTypes.Type(value = Expectation.CrushRulePresent.class, name = "crush_rule_present"),
    @JsonSubTypes.Type(value = Expectation.CrushRuleAbsent.class, name = "crush_rule_absent")
})
public sealed interface Expectation {
    boolean holds(OsdMapPart part);

    /** The OSD map flag {@code flag} is set ({@code set}) or not. */
    record Flag(String flag, boolean set) implements Expectation {
        public Flag {
            requireNonNull(flag, "flag");
        }

        @Override
        public boolean holds(OsdMapPart part) {
            Map<String, Boolean> flags = part.map().calamariFlags();
            return flags.getOrDefault(flag, part.map().flags().contains(flag)) == set;
        }
    }

    record OsdIn(int osdId, boolean in) implements Expectation {
        @Override
        public boolean holds(OsdMapPart part) {
            return part.map().osd(osdId).map(osd -> osd.in() == in).orElse(false);
        }
    }

    /** The OSD is down, or was back up already (Ceph brings a live OSD that was marked down back up). */
    record OsdDown(int osdId, int downAtBefore) implements Expectation {
        @Override
        public boolean holds(OsdMapPart part) {
            return part.map()
                    .osd(osdId)
                    .map(osd -> !osd.up() || osd.downAt() > downAtBefore)
                    .orElse(false);
        }
    }

    /** The OSD's reweight, to Ceph's precision (it stores 16.16 fixed point). */
    record OsdReweight(int osdId, double weight) implements Expectation {
        @Override
        public boolean holds(OsdMapPart part) {
            return part.map()
                    .osd(osdId)
                    .map(osd -> Math.abs(osd.weight() - weight) < 0.0001)
                    .orElse(false);
        }
    }

    /** A pool of this name exists, and each given setting ({@code size}, {@code pg_num}...) has its value. */
    record PoolPresent(String name, Map<String, Long> settings) implements Expectation {
        public PoolPresent {
            requireNonNull(name, "name");
            settings = Map.copyOf(settings);
        }

        @Override
        public boolean holds(OsdMapPart part) {
            return pool(part.map(), name)
                    .map(pool -> settings.entrySet().stream()
                            .allMatch(setting -> PoolSettings.value(pool, setting.getKey())
                                    .map(value -> value.equals(setting.getValue()))
                                    .orElse(false)))
                    .orElse(false);
        }
    }

    record PoolAbsent(String name) implements Expectation {
        public PoolAbsent {
            requireNonNull(name, "name");
        }

        @Override
        public boolean holds(OsdMapPart part) {
            return pool(part.map(), name).isEmpty();
        }
    }

    /** A CRUSH bucket of this name and type exists and holds exactly these items (bucket and OSD ids). */
    record CrushBucketPresent(String name, String type, List<Integer> items) implements Expectation {
        public CrushBucketPresent {
            requireNonNull(name, "name");
            requireNonNull(type, "type");
            items = List.copyOf(items);
        }

        @Override
        public boolean holds(OsdMapPart part) {
            return part.crush()
                    .bucket(name)
                    .filter(bucket -> bucket.typeName().equals(type))
                    .map(bucket -> bucket.items().stream()
                            .map(CrushItem::id)
                            .collect(Collectors.toSet())
                            .equals(Set.copyOf(items)))
                    .orElse(false);
        }
    }

    record CrushBucketAbsent(String name) implements Expectation {
        public CrushBucketAbsent {
            requireNonNull(name, "name");
        }

        @Override
        public boolean holds(OsdMapPart part) {
            return part.crush().bucket(name).isEmpty();
        }
    }

    record CrushRulePresent(String name) implements Expectation {
        public CrushRulePresent {
            requireNonNull(name, "name");
        }

        @Override
        public boolean holds(OsdMapPart part) {
            return part.crush().rules().stream().anyMatch(rule -> rule.name().equals(name));
        }
    }

    record CrushRuleAbsent(String name) implements Expectation {
        public CrushRuleAbsent {
            requireNonNull(name, "name");
        }

        @Override
        public boolean holds(OsdMapPart part) {
            return part.crush().rules().stream().noneMatch(rule -> rule.name().equals(name));
        }
    }

    private static Optional<Pool> pool(OsdMap map, String name) {
        return map.pools().stream().filter(pool -> pool.name().equals(name)).findFirst();
    }
}
