package io.calamari.server.pool;

import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.Pool;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Requests;
import io.calamari.server.request.Completion;
import io.calamari.server.request.Expectation;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a pool create, update or delete into a validated {@link RequestPlan}, with Calamari's
 * validation (all errors at once; 409 when the name is taken, else 400) and its min_size rule, plus
 * the fields a Pacific operator expects: {@code type}/{@code erasure_code_profile}, {@code application},
 * {@code pg_autoscale_mode} and {@code compression_mode}. Nothing here talks to Ceph. Stateless.
 */
public final class PoolRequests {
    static final List<String> UPDATE_ALLOWED = List.of(
            "name",
            "pg_num",
            "pgp_num",
            "size",
            "min_size",
            "crash_replay_interval",
            "crush_ruleset",
            "quota_max_objects",
            "quota_max_bytes",
            "hashpspool",
            "application",
            "pg_autoscale_mode",
            "compression_mode");
    static final List<String> CREATE_ALLOWED = concat(UPDATE_ALLOWED, List.of("type", "erasure_code_profile"));
    private static final List<String> AUTOSCALE_MODES = List.of("on", "off", "warn");
    private static final List<String> COMPRESSION_MODES = List.of("none", "passive", "aggressive", "force");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private PoolRequests() {}

    /** A new pool: {@code osd pool create}, then its other settings; complete once its PGs are active. */
    public static RequestPlan create(ClusterSnapshot snapshot, ObjectNode body) {
        OsdMapPart part = snapshot.requireOsdMap();
        Map<String, String> config = config(snapshot);
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, Set.copyOf(CREATE_ALLOWED), "POST", errors);
        Requests.require(body, List.of("name", "pg_num"), "POST", errors);
        PoolChange change = PoolChange.read(body, errors);
        String type = Requests.string(body, "type", errors).orElse("replicated");
        if (!List.of("replicated", "erasure").contains(type)) {
            errors.add("type", "Must be one of replicated, erasure");
        }
        boolean erasure = type.equals("erasure");
        Optional<String> profile = Requests.string(body, "erasure_code_profile", errors);
        if (erasure && (change.size().isPresent() || change.minSize().isPresent())) {
            errors.add(change.size().isPresent() ? "size" : "min_size", "Not allowed for erasure-coded pools");
        }
        if (!erasure && profile.isPresent()) {
            errors.add("erasure_code_profile", "Only for erasure-coded pools");
        }
        validate(change, Optional.empty(), part, config, errors);
        errors.throwIfAny("name");

        String name = change.name().orElseThrow();
        int pgNum = Math.toIntExact(change.pgNum().orElseThrow());
        List<Object> create = new ArrayList<>(List.of("pool", name, "pg_num", pgNum, "pool_type", type));
        profile.ifPresent(value -> create.addAll(List.of("erasure_code_profile", value)));
        Optional<CrushRule> rule = change.crushRuleset().flatMap(ruleset -> rule(part, ruleset));
        rule.ifPresent(found -> create.addAll(List.of("rule", found.name())));
        change.autoscaleMode().ifPresent(mode -> create.addAll(List.of("autoscale_mode", mode)));
        List<RequestCommand> commands = new ArrayList<>();
        commands.add(RequestCommand.mon("osd pool create", create.toArray()));
        Map<String, Long> expected = new LinkedHashMap<>();
        if (!erasure) {
            long size = change.size()
                    .orElseGet(() -> number(config, "osd_pool_default_size").orElse(3L));
            long requestedMin = change.minSize()
                    .orElseGet(() -> number(config, "osd_pool_default_min_size").orElse(0L));
            commands.add(set(name, "size", size));
            commands.add(set(name, "min_size", minSize(size, requestedMin)));
            expected.put("size", size);
            expected.put("min_size", minSize(size, requestedMin));
        }
        boolean defaultHashpspool = !"false"
                .equalsIgnoreCase(config.getOrDefault("osd_pool_default_flag_hashpspool", "true")
                        .trim());
        change.hashpspool()
                .filter(value -> value != defaultHashpspool)
                .ifPresent(value -> commands.add(hashpspool(name, value)));
        commands.addAll(settingsCommands(name, change));
        return new RequestPlan(
                "Creating pool '" + name + "'",
                commands,
                new Completion.PoolCreated(name, pgNum),
                List.of(new Expectation.PoolPresent(name, expected)));
    }

    /** A change to a pool; empty when it would change nothing (304). */
    public static Optional<RequestPlan> update(ClusterSnapshot snapshot, Pool pool, ObjectNode body) {
        OsdMapPart part = snapshot.requireOsdMap();
        Map<String, String> config = config(snapshot);
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, Set.copyOf(UPDATE_ALLOWED), "PATCH", errors);
        PoolChange requested = PoolChange.read(body, errors);
        validate(requested, Optional.of(pool), part, config, errors);
        errors.throwIfAny("name");
        PoolChange change = requested.withoutCurrentValues(pool);
        if (change.size().isPresent() || change.minSize().isPresent()) {
            long size = change.size().orElse((long) pool.size());
            long min = minSize(size, requested.minSize().orElse((long) pool.minSize()));
            change = change.withMinSize(min == pool.minSize() ? Optional.empty() : Optional.of(min));
        }
        if (change.isEmpty()) {
            return Optional.empty();
        }
        String name = pool.name();
        List<RequestCommand> commands = new ArrayList<>();
        Map<String, Long> expected = new LinkedHashMap<>();
        change.size().ifPresent(value -> commands.add(set(name, "size", value)));
        change.minSize().ifPresent(value -> commands.add(set(name, "min_size", value)));
        change.size().ifPresent(value -> expected.put("size", value));
        change.minSize().ifPresent(value -> expected.put("min_size", value));
        change.crushRuleset().flatMap(ruleset -> rule(part, ruleset)).ifPresent(rule -> {
            commands.add(RequestCommand.mon("osd pool set", "pool", name, "var", "crush_rule", "val", rule.name()));
            expected.put("crush_rule", (long) rule.id());
        });
        change.hashpspool().ifPresent(value -> commands.add(hashpspool(name, value)));
        commands.addAll(settingsCommands(name, change));
        Optional<Long> pgNum = change.pgNum();
        Optional<Long> pgpNum = change.pgpNum().or(() -> pgNum);
        pgNum.ifPresent(value -> commands.add(set(name, "pg_num", value)));
        pgpNum.ifPresent(value -> commands.add(set(name, "pgp_num", value)));
        pgNum.ifPresent(value -> expected.put("pg_num", value));
        String finalName = change.name().orElse(name);
        change.name()
                .ifPresent(newName ->
                        commands.add(RequestCommand.mon("osd pool rename", "srcpool", name, "destpool", newName)));
        List<Expectation> expectations = List.of(new Expectation.PoolPresent(finalName, expected));
        if (pgNum.isPresent() || pgpNum.isPresent()) {
            int target = Math.toIntExact(pgNum.orElse((long) pool.placementGroupTarget()));
            return Optional.of(new RequestPlan(
                    "Growing pool '" + name + "' to " + target + " PGs",
                    commands,
                    new Completion.PoolPlacementGroups(
                            pool.id(), target, Math.toIntExact(pgpNum.orElse((long) target))),
                    expectations));
        }
        return Optional.of(RequestPlan.osdMapChange(
                "Modifying pool '" + name + "' (" + change.describe() + ")", commands, expectations));
    }

    /** Deleting a pool (Ceph refuses unless {@code mon_allow_pool_delete} is true). */
    public static RequestPlan delete(Pool pool) {
        return RequestPlan.osdMapChange(
                "Deleting pool '" + pool.name() + "'",
                List.of(RequestCommand.mon(
                        "osd pool delete",
                        "pool",
                        pool.name(),
                        "pool2",
                        pool.name(),
                        "yes_i_really_really_mean_it",
                        true)),
                List.of(new Expectation.PoolAbsent(pool.name())));
    }

    /**
     * Calamari's min_size rule: a requested (or default) min_size above 0 is capped at the size;
     * 0 means "size - size / 2".
     */
    static long minSize(long size, long requestedMin) {
        return requestedMin > 0 ? Math.min(requestedMin, size) : size - size / 2;
    }

    private static void validate(
            PoolChange change,
            Optional<Pool> current,
            OsdMapPart part,
            Map<String, String> config,
            FieldErrors errors) {
        change.name().ifPresent(name -> {
            if (!NAME.matcher(name).matches()) {
                errors.add("name", "Pool names may contain only letters, digits, '.', '_' and '-'");
            }
            boolean taken = part.map().pools().stream()
                    .anyMatch(pool -> pool.name().equals(name)
                            && current.map(self -> self.id() != pool.id()).orElse(true));
            if (taken) {
                errors.add("name", "Pool with name " + name + " already exists");
            }
        });
        change.crushRuleset().ifPresent(ruleset -> {
            if (rule(part, ruleset).isEmpty()) {
                errors.add("crush_ruleset", "CRUSH ruleset " + ruleset + " not found");
            }
        });
        positive(change.pgNum(), "pg_num", errors);
        positive(change.pgpNum(), "pgp_num", errors);
        positive(change.size(), "size", errors);
        if (change.minSize().filter(value -> value < 0).isPresent()) {
            errors.add("min_size", "Must be 0 or more");
        }
        if (change.pgNum().isPresent()
                && change.pgpNum().isPresent()
                && change.pgpNum().get() > change.pgNum().get()) {
            errors.add("pgp_num", "must be >= to pg_num");
        }
        current.ifPresent(pool -> {
            if (change.pgNum()
                    .filter(value -> value < pool.placementGroupTarget())
                    .isPresent()) {
                errors.add("pg_num", "must be >= than current pg_num");
            }
            if (change.pgpNum()
                    .filter(value -> value < pool.placementGroupPlacementTarget())
                    .isPresent()) {
                errors.add("pgp_num", "must be >= than current pgp_num");
            }
        });
        Optional<Long> limit = number(config, "mon_max_pool_pg_num");
        if (limit.isPresent()
                && change.pgNum().filter(value -> value > limit.get()).isPresent()) {
            errors.add("pg_num", "requested pg_num must be <= than current limit of " + limit.get());
        }
        change.autoscaleMode()
                .filter(mode -> !AUTOSCALE_MODES.contains(mode))
                .ifPresent(mode -> errors.add("pg_autoscale_mode", "Must be one of on, off, warn"));
        change.compressionMode()
                .filter(mode -> !COMPRESSION_MODES.contains(mode))
                .ifPresent(mode -> errors.add("compression_mode", "Must be one of none, passive, aggressive, force"));
        change.application()
                .filter(app -> !NAME.matcher(app).matches())
                .ifPresent(app -> errors.add(
                        "application", "Application names may contain only letters, digits, '.', '_' and '-'"));
        if (change.quotaMaxBytes().filter(value -> value < 0).isPresent()) {
            errors.add("quota_max_bytes", "Must be 0 (no quota) or more");
        }
        if (change.quotaMaxObjects().filter(value -> value < 0).isPresent()) {
            errors.add("quota_max_objects", "Must be 0 (no quota) or more");
        }
    }

    /** Commands for the settings that need no special order: quotas, application, modes. */
    private static List<RequestCommand> settingsCommands(String name, PoolChange change) {
        List<RequestCommand> commands = new ArrayList<>();
        change.quotaMaxBytes()
                .ifPresent(value -> commands.add(RequestCommand.mon(
                        "osd pool set-quota", "pool", name, "field", "max_bytes", "val", Long.toString(value))));
        change.quotaMaxObjects()
                .ifPresent(value -> commands.add(RequestCommand.mon(
                        "osd pool set-quota", "pool", name, "field", "max_objects", "val", Long.toString(value))));
        change.application()
                .ifPresent(app -> commands.add(RequestCommand.mon(
                        "osd pool application enable", "pool", name, "app", app, "yes_i_really_mean_it", true)));
        change.compressionMode()
                .ifPresent(mode -> commands.add(
                        RequestCommand.mon("osd pool set", "pool", name, "var", "compression_mode", "val", mode)));
        change.autoscaleMode()
                .ifPresent(mode -> commands.add(
                        RequestCommand.mon("osd pool set", "pool", name, "var", "pg_autoscale_mode", "val", mode)));
        return commands;
    }

    private static RequestCommand set(String pool, String variable, long value) {
        return RequestCommand.mon("osd pool set", "pool", pool, "var", variable, "val", Long.toString(value));
    }

    private static RequestCommand hashpspool(String pool, boolean value) {
        return RequestCommand.mon(
                "osd pool set",
                "pool",
                pool,
                "var",
                "hashpspool",
                "val",
                value ? "true" : "false",
                "yes_i_really_mean_it",
                true);
    }

    private static void positive(Optional<Long> value, String field, FieldErrors errors) {
        if (value.filter(number -> number < 1).isPresent()) {
            errors.add(field, "Must be 1 or more");
        }
    }

    private static Optional<CrushRule> rule(OsdMapPart part, long ruleset) {
        return part.crush().rules().stream()
                .filter(rule -> rule.ruleset() == ruleset)
                .findFirst();
    }

    private static Map<String, String> config(ClusterSnapshot snapshot) {
        Map<String, String> config = snapshot.config().map(Part::value).orElse(Map.of());
        if (config.isEmpty()) {
            throw new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster configuration unavailable");
        }
        return config;
    }

    private static Optional<Long> number(Map<String, String> config, String key) {
        try {
            return Optional.ofNullable(config.get(key)).map(value -> Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
