package io.calamari.server.request;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosException;

/** Ceph's refusals in the words of the {@code ceph} CLI: {@code Error EEXIST: pool 'x' already exists}. */
final class CephErrors {
    private CephErrors() {}

    static String describe(CommandResult result) {
        String name = RadosException.errnoName(result.returnCode());
        String text = result.status().isBlank()
                ? result.outputText().strip()
                : result.status().strip();
        return text.isEmpty() ? "Error " + name : "Error " + name + ": " + text;
    }
}
