package io.calamari.server.pool;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Pool;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Requests;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pool settings a create or update names, each empty when not given. {@code crash_replay_interval}
 * is read (so that a bad value is an error) and ignored: Ceph dropped it in Luminous. Immutable.
 */
record PoolChange(
        Optional<String> name,
        Optional<Long> pgNum,
        Optional<Long> pgpNum,
        Optional<Long> size,
        Optional<Long> minSize,
        Optional<Long> crushRuleset,
        Optional<Boolean> hashpspool,
        Optional<Long> quotaMaxBytes,
        Optional<Long> quotaMaxObjects,
        Optional<String> application,
        Optional<String> autoscaleMode,
        Optional<String> compressionMode) {
    PoolChange {
        requireNonNull(name, "name");
        requireNonNull(pgNum, "pgNum");
        requireNonNull(pgpNum, "pgpNum");
        requireNonNull(size, "size");
        requireNonNull(minSize, "minSize");
        requireNonNull(crushRuleset, "crushRuleset");
        requireNonNull(hashpspool, "hashpspool");
        requireNonNull(quotaMaxBytes, "quotaMaxBytes");
        requireNonNull(quotaMaxObjects, "quotaMaxObjects");
        requireNonNull(application, "application");
        requireNonNull(autoscaleMode, "autoscaleMode");
        requireNonNull(compressionMode, "compressionMode");
    }

    static PoolChange read(ObjectNode body, FieldErrors errors) {
        Requests.integer(body, "crash_replay_interval", errors);
        return new PoolChange(
                Requests.string(body, "name", errors),
                Requests.integer(body, "pg_num", errors),
                Requests.integer(body, "pgp_num", errors),
                Requests.integer(body, "size", errors),
                Requests.integer(body, "min_size", errors),
                Requests.integer(body, "crush_ruleset", errors),
                Requests.bool(body, "hashpspool", errors),
                Requests.integer(body, "quota_max_bytes", errors),
                Requests.integer(body, "quota_max_objects", errors),
                Requests.string(body, "application", errors),
                Requests.string(body, "pg_autoscale_mode", errors),
                Requests.string(body, "compression_mode", errors));
    }

    /** The same change without the settings the pool already has (Calamari's no-op detection). */
    PoolChange withoutCurrentValues(Pool pool) {
        String compression = pool.compressionMode().isEmpty() ? "none" : pool.compressionMode();
        return new PoolChange(
                name.filter(value -> !value.equals(pool.name())),
                pgNum.filter(value -> value != pool.placementGroupTarget()),
                pgpNum.filter(value -> value != pool.placementGroupPlacementTarget()),
                size.filter(value -> value != pool.size()),
                minSize.filter(value -> value != pool.minSize()),
                crushRuleset.filter(value -> value != pool.crushRule()),
                hashpspool.filter(value -> value != pool.hashpspool()),
                quotaMaxBytes.filter(value -> value != pool.quotaMaxBytes()),
                quotaMaxObjects.filter(value -> value != pool.quotaMaxObjects()),
                application.filter(value -> !pool.applications().contains(value)),
                autoscaleMode.filter(value -> !value.equals(pool.autoscaleMode())),
                compressionMode.filter(value -> !value.equals(compression)));
    }

    PoolChange withMinSize(Optional<Long> newMinSize) {
        return new PoolChange(
                name,
                pgNum,
                pgpNum,
                size,
                newMinSize,
                crushRuleset,
                hashpspool,
                quotaMaxBytes,
                quotaMaxObjects,
                application,
                autoscaleMode,
                compressionMode);
    }

    boolean isEmpty() {
        return values().isEmpty();
    }

    /** "size=3, min_size=2" for headlines, in Calamari's style. */
    String describe() {
        StringJoiner text = new StringJoiner(", ");
        values().forEach((key, value) -> text.add(key + "=" + value));
        return text.toString();
    }

    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        name.ifPresent(value -> values.put("name", value));
        pgNum.ifPresent(value -> values.put("pg_num", value));
        pgpNum.ifPresent(value -> values.put("pgp_num", value));
        size.ifPresent(value -> values.put("size", value));
        minSize.ifPresent(value -> values.put("min_size", value));
        crushRuleset.ifPresent(value -> values.put("crush_ruleset", value));
        hashpspool.ifPresent(value -> values.put("hashpspool", value));
        quotaMaxBytes.ifPresent(value -> values.put("quota_max_bytes", value));
        quotaMaxObjects.ifPresent(value -> values.put("quota_max_objects", value));
        application.ifPresent(value -> values.put("application", value));
        autoscaleMode.ifPresent(value -> values.put("pg_autoscale_mode", value));
        compressionMode.ifPresent(value -> values.put("compression_mode", value));
        return values;
    }
}
