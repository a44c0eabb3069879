package io.calamari.ceph.command;

import io.calamari.ceph.parse.Fixtures;

/** The recorded Pacific command descriptions under {@code ceph/pacific/command-descriptions}. */
final class CommandFixtures {
    static final String DIRECTORY = "pacific/command-descriptions";

    private static final CommandDescriptions PACIFIC =
            CommandDescriptions.parse(Fixtures.bytes(DIRECTORY, "mon.json"), Fixtures.bytes(DIRECTORY, "mgr.json"));

    private CommandFixtures() {}

    /** The monitors' and the manager's descriptions of a Pacific 16.2.15 cluster, combined. */
    static CommandDescriptions pacific() {
        return PACIFIC;
    }

    static CommandLineParser pacificParser() {
        return new CommandLineParser(PACIFIC);
    }
}
