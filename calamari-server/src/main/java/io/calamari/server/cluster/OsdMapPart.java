package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.OsdMapIndex;
import io.calamari.ceph.model.OsdMetadata;
import io.calamari.ceph.model.OsdTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything fetched for one OSD map epoch ({@code osd dump}, {@code osd tree}, {@code osd crush dump},
 * {@code osd metadata}) and the indexes derived from them once. Immutable.
 */
public record OsdMapPart(
        OsdMap map, OsdTree tree, CrushMap crush, Map<Integer, OsdMetadata> metadata, OsdMapIndex index) {
    public OsdMapPart {
        requireNonNull(map, "map");
        requireNonNull(tree, "tree");
        requireNonNull(crush, "crush");
        metadata = Map.copyOf(metadata);
        requireNonNull(index, "index");
    }

    public static OsdMapPart of(OsdMap map, OsdTree tree, CrushMap crush, List<OsdMetadata> metadata) {
        return new OsdMapPart(
                map,
                tree,
                crush,
                metadata.stream()
                        .collect(Collectors.toMap(OsdMetadata::osd, Function.identity(), (first, second) -> first)),
                OsdMapIndex.build(map, tree, crush, metadata));
    }

    public Optional<OsdMetadata> metadata(int osd) {
        return Optional.ofNullable(metadata.get(osd));
    }
}
