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
 * {@code osd metadata}, and the compiled CRUSH map when it could be had) and the indexes derived
 * from them once. Immutable.
 */
public record OsdMapPart(
        OsdMap map,
        OsdTree tree,
        CrushMap crush,
        Map<Integer, OsdMetadata> metadata,
        OsdMapIndex index,
        Optional<CompiledCrushMap> compiledCrush) {
    public OsdMapPart {
        requireNonNull(map, "map");
        requireNonNull(tree, "tree");
        requireNonNull(crush, "crush");
        metadata = Map.copyOf(metadata);
        requireNonNull(index, "index");
        requireNonNull(compiledCrush, "compiledCrush");
    }

    public static OsdMapPart of(OsdMap map, OsdTree tree, CrushMap crush, List<OsdMetadata> metadata) {
        return of(map, tree, crush, metadata, Optional.empty());
    }

    public static OsdMapPart of(
            OsdMap map,
            OsdTree tree,
            CrushMap crush,
            List<OsdMetadata> metadata,
            Optional<CompiledCrushMap> compiledCrush) {
        return new OsdMapPart(
                map,
                tree,
                crush,
                metadata.stream()
                        .collect(Collectors.toMap(OsdMetadata::osd, Function.identity(), (first, second) -> first)),
                OsdMapIndex.build(map, tree, crush, metadata),
                compiledCrush);
    }

    public Optional<OsdMetadata> metadata(int osd) {
        return Optional.ofNullable(metadata.get(osd));
    }
}
