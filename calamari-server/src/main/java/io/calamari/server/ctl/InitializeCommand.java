package io.calamari.server.ctl;

import io.calamari.server.auth.ServerSecret;
import io.calamari.server.config.UsageException;
import io.calamari.server.db.Database;
import io.calamari.server.db.SettingStore;
import io.calamari.server.user.NewUser;
import io.calamari.server.user.Role;
import io.calamari.server.user.UserService;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calamari ctl initialize}: creates or migrates the schema, generates the server secret, and
 * creates the admin superuser when asked and missing. Safe to run any number of times.
 */
@Command(name = "initialize", description = "Create or upgrade the database, the server secret and the admin user.")
final class InitializeCommand extends DatabaseCommand {
    @Option(names = "--admin-username", paramLabel = "USERNAME")
    @Nullable
    String adminUsername;

    @Option(
            names = "--admin-password",
            paramLabel = "PASSWORD",
            description = "Else read from the terminal or standard input.")
    @Nullable
    String adminPassword;

    @Option(names = "--admin-email", paramLabel = "EMAIL")
    @Nullable
    String adminEmail;

    @Override
    void validate() {
        if (adminUsername == null && (adminPassword != null || adminEmail != null)) {
            throw new UsageException("--admin-password and --admin-email need --admin-username");
        }
    }

    @Override
    void run(Database database, UserService users) {
        out().println("Database ready: " + database.config().describe());
        ServerSecret.loadOrCreate(new SettingStore(database.jdbi()));
        out().println("Server secret ready");
        if (adminUsername == null) {
            if (!users.hasEnabledSuperuser()) {
                out().println("No superuser yet: create one with --admin-username NAME (the server also creates "
                        + "'admin' on its first start when there are no users)");
            }
            return;
        }
        if (users.findByUsername(adminUsername).isPresent()) {
            out().println("User '" + adminUsername + "' already exists; left unchanged");
            return;
        }
        String password = password(adminPassword, "Password for " + adminUsername);
        users.create(new NewUser(
                adminUsername, adminEmail == null ? "" : adminEmail, Optional.of(password), Role.SUPERUSER, true));
        out().println("Created superuser '" + adminUsername + "'");
    }
}
