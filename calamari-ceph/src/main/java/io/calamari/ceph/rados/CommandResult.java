package io.calamari.ceph.rados;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Ceph's answer to one command: the return code (0 or a negative errno), the output buffer (usually JSON when the
 * command asked for {@code "format": "json"}) and the status text Ceph writes for people (its {@code outs}).
 * Immutable: the output array is copied in and out.
 */
public record CommandResult(int returnCode, byte[] output, String status) {

    public CommandResult {
        output = requireNonNull(output, "output").clone();
        requireNonNull(status, "status");
    }

    /** Returns a copy of the output buffer. */
    @Override
    public byte[] output() {
        return output.clone();
    }

    /** Returns the output buffer decoded as UTF-8. */
    public String outputText() {
        return new String(output, StandardCharsets.UTF_8);
    }

    public boolean succeeded() {
        return returnCode >= 0;
    }

    /**
     * Ceph's refusal in the words of the {@code ceph} CLI: the errno's name and Ceph's status text,
     * {@code Error EEXIST: pool 'x' already exists} (Ceph writes refusals there, not in the output).
     */
    public String errorText() {
        String name = RadosException.errnoName(returnCode);
        return status.isBlank() ? "Error " + name : "Error " + name + ": " + status.strip();
    }

    /**
     * Returns this result when the command succeeded.
     *
     * @throws RadosException carrying the return code and Ceph's status text when it did not
     */
    public CommandResult requireSuccess() {
        if (!succeeded()) {
            throw new RadosException("command failed", returnCode, status);
        }
        return this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandResult that
                && returnCode == that.returnCode
                && Arrays.equals(output, that.output)
                && status.equals(that.status);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * returnCode + Arrays.hashCode(output)) + status.hashCode();
    }

    @Override
    public String toString() {
        return "CommandResult[returnCode=" + returnCode + ", output=" + output.length + " bytes, status=" + status
                + "]";
    }
}
