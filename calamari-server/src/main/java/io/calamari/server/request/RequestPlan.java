package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a validated operation becomes: a headline for people, the Ceph commands to send in order,
 * when the request is complete once they succeeded, and the facts that show the change went
 * through (for a restart that interrupts the commands). Immutable; stored with the request.
 */
public record RequestPlan(
        String headline, List<RequestCommand> commands, Completion completion, List<Expectation> expectations) {
    public RequestPlan {
        requireNonNull(headline, "headline");
        commands = List.copyOf(commands);
        requireNonNull(completion, "completion");
        expectations = List.copyOf(expectations);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one command: " + headline);
        }
    }

    /** A plan that waits for the OSD map to catch up, as most changes do. */
    public static RequestPlan osdMapChange(
            String headline, List<RequestCommand> commands, List<Expectation> expectations) {
        return new RequestPlan(headline, commands, new Completion.OsdMapCaughtUp(), expectations);
    }
}
