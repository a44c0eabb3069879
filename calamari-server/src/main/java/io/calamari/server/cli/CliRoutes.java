package io.calamari.server.cli;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CommandLineException;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.error.ValidationException;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calamari's command-line passthrough, for superusers only:
 *
 * <pre>
 * POST /api/v2/cluster/{fsid}/cli   {"command": "ceph osd pool ls"}  or  {"command": ["osd", "pool", "ls"]}
 *                                   → 200 {"out": "rbd\n", "err": "", "status": 0}
 *                                   → 200 {"out": "", "err": "Error ENOENT: unrecognized pool 'x'", "status": 2}
 * </pre>
 *
 * <p>The answer is 200 whether Ceph accepts the command or not, as in Calamari; {@code status} is
 * the CLI's exit status. An invalid command line is 400 with the CLI's own message on
 * {@code command}; a cluster that does not answer is 503. Nothing runs in a shell.
 */
public final class CliRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final CephCli cli;
    private final Requests bodies;
    private final Clock clock;

    public CliRoutes(ClusterDirectory clusters, CephCli cli, Requests bodies, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.cli = requireNonNull(cli, "cli");
        this.bodies = requireNonNull(bodies, "bodies");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.post("/api/v2/cluster/{fsid}/cli", Access.SUPERUSER, ctx -> {
            String fsid = ClusterRoutes.snapshot(ctx, clusters, clock).fsid();
            ObjectNode body = bodies.jsonObject(ctx);
            JsonNode command = body.get("command");
            CephCli.Result result;
            try {
                if (command == null || command.isNull()) {
                    throw invalid("'command' field is required");
                } else if (command.isString()) {
                    result = cli.run(fsid, command.asString());
                } else if (command.isArray()) {
                    result = cli.run(fsid, words(command));
                } else {
                    throw invalid("'command' must be a string or a list of strings");
                }
            } catch (CommandLineException e) {
                throw invalid(String.valueOf(e.getMessage()));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("out", result.out());
            answer.put("err", result.err());
            answer.put("status", result.status());
            ctx.json(answer);
        });
    }

    private static List<String> words(JsonNode command) {
        List<String> words = new ArrayList<>();
        for (JsonNode word : command) {
            if (!word.isString()) {
                throw invalid("'command' must be a string or a list of strings");
            }
            words.add(word.asString());
        }
        return words;
    }

    private static ValidationException invalid(String message) {
        return ValidationException.of("command", message);
    }
}
