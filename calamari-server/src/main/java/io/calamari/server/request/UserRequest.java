package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One management request, as stored and as the {@code request} resources show it (Calamari's
 * {@code UserRequest}): {@code submitted} until it is {@code complete}, then with {@code error} and
 * {@code errorMessage} saying how it ended. Immutable; the service replaces it on every change.
 *
 * @param status the current phase in words ("Waiting for OSD map epoch 57", "Completed successfully")
 * @param requestedBy the user who asked, empty when the user is gone
 */
public record UserRequest(
        String id,
        String fsid,
        String headline,
        State state,
        boolean error,
        String errorMessage,
        String status,
        Instant requestedAt,
        Optional<Instant> completedAt,
        Optional<String> requestedBy,
        RequestPlan plan,
        Progress progress) {
    /** Calamari's two visible states. */
    public enum State {
        SUBMITTED("submitted"),
        COMPLETE("complete");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<State> fromWireName(String name) {
            for (State state : values()) {
                if (state.wireName.equals(name)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    public UserRequest {
        requireNonNull(id, "id");
        requireNonNull(fsid, "fsid");
        requireNonNull(headline, "headline");
        requireNonNull(state, "state");
        requireNonNull(errorMessage, "errorMessage");
        requireNonNull(status, "status");
        requireNonNull(requestedAt, "requestedAt");
        requireNonNull(completedAt, "completedAt");
        requireNonNull(requestedBy, "requestedBy");
        requireNonNull(plan, "plan");
        requireNonNull(progress, "progress");
    }

    /** A request just accepted: submitted, nothing sent yet. */
    public static UserRequest accepted(
            String id, String fsid, RequestPlan plan, Instant now, Optional<String> requestedBy) {
        return new UserRequest(
                id,
                fsid,
                plan.headline(),
                State.SUBMITTED,
                false,
                "",
                "Queued",
                now,
                Optional.empty(),
                requestedBy,
                plan,
                Progress.queued());
    }

    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    public UserRequest withProgress(Progress next, String nextStatus) {
        return new UserRequest(
                id,
                fsid,
                headline,
                state,
                error,
                errorMessage,
                nextStatus,
                requestedAt,
                completedAt,
                requestedBy,
                plan,
                next);
    }

    public UserRequest succeeded(Instant now) {
        return new UserRequest(
                id,
                fsid,
                headline,
                State.COMPLETE,
                false,
                "",
                "Completed successfully",
                requestedAt,
                Optional.of(now),
                requestedBy,
                plan,
                progress.done());
    }

    public UserRequest failed(String message, Instant now) {
        return new UserRequest(
                id,
                fsid,
                headline,
                State.COMPLETE,
                true,
                message,
                "Failed (" + message + ")",
                requestedAt,
                Optional.of(now),
                requestedBy,
                plan,
                progress.done());
    }
}
