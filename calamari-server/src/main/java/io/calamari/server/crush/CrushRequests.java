package io.calamari.server.crush;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.model.CrushMap;
import io.calamari.server.cluster.CompiledCrushMap;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replacing the whole CRUSH map ({@code crush_map} POST), and what the bucket and rule changes
 * share: CRUSH name rules, the snapshot's CRUSH map, and {@code osd setcrushmap} with a map
 * compiled by {@code crushtool}.
 *
 * <p>A replaced map is compiled at validation time, so a map {@code crushtool} refuses is a 400
 * and nothing reaches Ceph; Ceph then checks the compiled map itself (a pool whose rule the map
 * lacks, features the clients do not have) and its refusal becomes the request's error. The
 * request has no expectation to check after a restart: a whole map cannot be compared with the
 * snapshot's. Stateless.
 */
public final class CrushRequests {
    /** What Ceph accepts in bucket, device and rule names ({@code CrushWrapper::is_valid_crush_name}). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private CrushRequests() {}

    /**
     * {@code osd setcrushmap} with {@code text} compiled; headline "Replacing CRUSH map in
     * {cluster}".
     *
     * @throws CalamariException 400 for an empty map or one crushtool refuses (with its message),
     *     503 without crushtool
     */
    public static RequestPlan replaceMap(String clusterName, String text, CrushTool crushTool) {
        if (text.isBlank()) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, "The CRUSH map is empty");
        }
        return RequestPlan.osdMapChange(
                "Replacing CRUSH map in " + clusterName, List.of(setCrushMap(crushTool.compile(text))), List.of());
    }

    /** The command that makes {@code compiled} the cluster's CRUSH map. */
    static RequestCommand setCrushMap(CompiledCrushMap compiled) {
        return new RequestCommand(Target.MON, Map.of("prefix", "osd setcrushmap"), compiled.bytes());
    }

    /**
     * The snapshot's CRUSH map as text to edit: decompiled by crushtool, with exact weights (see
     * {@link CrushText}).
     *
     * @throws CalamariException 503 when the compiled map was not fetched or crushtool is missing
     */
    static String editableText(OsdMapPart part, CrushTool crushTool) {
        CompiledCrushMap compiled = part.compiledCrush()
                .orElseThrow(() -> new CalamariException(
                        ErrorCode.SERVICE_UNAVAILABLE, "The CRUSH map has not been fetched from the cluster yet"));
        return CrushText.withExactWeights(crushTool.decompile(compiled), part.crush());
    }

    /**
     * Records an error for a bucket name Ceph would refuse or that a bucket or device other than
     * {@code ownId} already has; true in the second case, which callers answer with 409.
     */
    static boolean checkBucketName(CrushMap crush, String name, int ownId, FieldErrors errors) {
        if (!NAME.matcher(name).matches()) {
            errors.add("name", "CRUSH names may contain only letters, digits, '.', '_' and '-'");
            return false;
        }
        boolean bucketTaken =
                crush.buckets().stream().anyMatch(bucket -> bucket.name().equals(name) && bucket.id() != ownId);
        boolean deviceTaken =
                crush.devices().stream().anyMatch(device -> device.name().equals(name));
        if (bucketTaken || deviceTaken) {
            errors.add("name", "CRUSH node with name " + name + " already exists");
        }
        return bucketTaken || deviceTaken;
    }

    /** Throws the errors collected, if any: 409 when {@code taken} (a name in use), else 400. */
    static void throwIfAny(FieldErrors errors, boolean taken) {
        if (taken) {
            errors.throwIfAny("name");
        }
        errors.throwIfAny();
    }
}
