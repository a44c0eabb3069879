package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one request's commands in order, storing its progress before each one, stops at the first
 * refusal with Ceph's own words as the error, and then reads the OSD map epoch the change produced,
 * which the request waits for. Runs on the service's sender threads; stateless.
 */
final class RequestExecution {
    private static final Logger log = LoggerFactory.getLogger(RequestExecution.class);
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final RequestCommand OSD_STAT = RequestCommand.mon("osd stat", "format", "json");

    private final RequestService service;
    private final Duration commandTimeout;

    RequestExecution(RequestService service, Duration commandTimeout) {
        this.service = requireNonNull(service, "service");
        this.commandTimeout = requireNonNull(commandTimeout, "commandTimeout");
    }

    void send(String id) {
        try {
            sendCommands(id);
        } catch (RuntimeException e) {
            log.error("request {} failed unexpectedly", id, e);
            fail(id, "Internal error: " + e);
        }
    }

    private void sendCommands(String id) {
        Optional<UserRequest> found = service.running(id);
        if (found.isEmpty()) {
            return;
        }
        UserRequest request = found.get();
        Optional<ClusterCommands> channel = service.commands(request.fsid());
        if (channel.isEmpty()) {
            fail(id, "Ceph cluster is currently unavailable for commands");
            return;
        }
        List<RequestCommand> commands = request.plan().commands();
        for (int index = request.progress().commandsDone(); index < commands.size(); index++) {
            RequestCommand command = commands.get(index);
            int done = index;
            String status = "Running '" + command.prefix() + "'"
                    + (commands.size() > 1 ? " (" + (index + 1) + " of " + commands.size() + ")" : "");
            if (service.transition(
                            id,
                            current -> current.withProgress(current.progress().sending(done), status))
                    .isEmpty()) {
                return; // cancelled or timed out meanwhile: send nothing more
            }
            Optional<String> refusal = sendOne(channel.get(), command);
            if (refusal.isPresent()) {
                fail(id, refusal.get());
                return;
            }
        }
        int sent = commands.size();
        if (request.plan().completion() instanceof Completion.CommandsReturned) {
            service.transition(
                    id,
                    current -> current.withProgress(current.progress().sending(sent), current.status())
                            .succeeded(service.now()));
            return;
        }
        long epoch;
        try {
            epoch = osdMapEpoch(channel.get());
        } catch (RadosException | JacksonException e) {
            fail(id, "Ceph accepted the commands but its OSD map epoch could not be read: " + e.getMessage());
            return;
        }
        service.transition(
                id,
                current -> current.withProgress(
                        current.progress().sending(sent).waiting(epoch), "Waiting for OSD map epoch " + epoch));
        channel.get().refreshNow();
    }

    /** Sends one command; the reason it failed, if it did. */
    private Optional<String> sendOne(ClusterCommands channel, RequestCommand command) {
        try {
            CommandResult result = channel.send(command.target(), command.arguments(), command.input(), commandTimeout);
            return result.succeeded() ? Optional.empty() : Optional.of(result.errorText());
        } catch (RadosTimeoutException e) {
            return Optional.of(
                    "Ceph did not answer '" + command.prefix() + "' within " + commandTimeout.toSeconds() + " s");
        } catch (RadosException e) {
            return Optional.of("Ceph could not be reached for '" + command.prefix() + "': " + e.getMessage());
        }
    }

    private long osdMapEpoch(ClusterCommands channel) {
        CommandResult result = channel.send(OSD_STAT.target(), OSD_STAT.arguments(), OSD_STAT.input(), commandTimeout);
        result.requireSuccess();
        JsonNode epoch = MAPPER.readTree(result.output()).path("epoch");
        if (!epoch.canConvertToLong()) {
            throw new RadosException("'osd stat' answered without an epoch", 0, result.outputText());
        }
        return epoch.asLong();
    }

    private void fail(String id, String message) {
        service.transition(id, current -> current.failed(message, service.now()));
    }
}
