package io.calamari.server.ctl;

import io.calamari.server.config.UsageException;
import io.calamari.server.db.Database;
import io.calamari.server.user.UserService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calamari ctl clear --yes-i-am-sure}: wipes monitoring state and history, keeps users and the audit log. */
@Command(
        name = "clear",
        description = "Delete all monitoring state and history (users, settings and the audit log are kept).")
final class ClearCommand extends DatabaseCommand {
    @Option(names = "--yes-i-am-sure", description = "Required: this cannot be undone.")
    boolean sure;

    @Override
    void validate() {
        if (!sure) {
            throw new UsageException(
                    "this deletes all monitoring state and history; run again with --yes-i-am-sure to proceed");
        }
    }

    @Override
    void run(Database database, UserService users) {
        List<String> tables = database.clearMonitoringState();
        out().println("Cleared " + tables.size() + " tables"
                + (tables.isEmpty() ? "" : ": " + String.join(", ", tables)));
    }
}
