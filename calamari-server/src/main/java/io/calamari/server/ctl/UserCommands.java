package io.calamari.server.ctl;

import io.calamari.server.config.UsageException;
import io.calamari.server.db.Database;
import io.calamari.server.user.Actor;
import io.calamari.server.user.NewUser;
import io.calamari.server.user.Role;
import io.calamari.server.user.User;
import io.calamari.server.user.UserChanges;
import io.calamari.server.user.UserService;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The user-management commands of calamari-ctl; each reuses {@link UserService}'s rules. */
final class UserCommands {
    private UserCommands() {}

    /** Acting as the administrator at the console: a superuser with no session. */
    static final Actor CONSOLE = new Actor(-1, Role.SUPERUSER, Optional.empty());

    static Role parseRole(String name) {
        return Role.fromWireName(name)
                .orElseThrow(
                        () -> new UsageException("unknown role '" + name + "' (choose from " + Role.choices() + ")"));
    }

    @Command(name = "add-user", description = "Create a user (role read/write unless --role says otherwise).")
    static final class AddUser extends DatabaseCommand {
        @Parameters(paramLabel = "USERNAME")
        String username = "";

        @Option(names = "--email", paramLabel = "EMAIL")
        String email = "";

        @Option(
                names = "--password",
                paramLabel = "PASSWORD",
                description = "Else read from the terminal or standard input.")
        @Nullable
        String password;

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                defaultValue = "read/write",
                description = "readonly, read/write or superuser.")
        String role = "read/write";

        @Override
        void validate() {
            parseRole(role);
        }

        @Override
        void run(Database database, UserService users) {
            Role parsedRole = parseRole(role);
            if (users.findByUsername(username).isPresent()) {
                throw new IllegalStateException("user '" + username + "' already exists");
            }
            User user = users.create(new NewUser(
                    username, email, Optional.of(password(password, "Password for " + username)), parsedRole, true));
            out().println("Created user '" + user.username() + "' (id " + user.id() + ", role "
                    + user.role().wireName() + ")");
        }
    }

    @Command(name = "assign-role", description = "Give a user one role: readonly, read/write or superuser.")
    static final class AssignRole extends DatabaseCommand {
        @Parameters(paramLabel = "USERNAME")
        String username = "";

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                required = true,
                description = "readonly, read/write or superuser.")
        String role = "";

        @Override
        void validate() {
            parseRole(role);
        }

        @Override
        void run(Database database, UserService users) {
            Role parsedRole = parseRole(role);
            User user = users.getByUsername(username);
            users.update(CONSOLE, user.id(), UserChanges.none().withRole(parsedRole));
            out().println("User '" + username + "' now has role " + parsedRole.wireName());
        }
    }

    @Command(name = "change-password", description = "Set a user's password; ends their sessions.")
    static final class ChangePassword extends DatabaseCommand {
        @Parameters(paramLabel = "USERNAME")
        String username = "";

        @Option(
                names = "--password",
                paramLabel = "PASSWORD",
                description = "Else read from the terminal or standard input.")
        @Nullable
        String password;

        @Override
        void run(Database database, UserService users) {
            User user = users.getByUsername(username);
            users.update(
                    CONSOLE,
                    user.id(),
                    UserChanges.none().withPassword(password(password, "New password for " + username)));
            out().println("Password of '" + username + "' changed");
        }
    }

    @Command(name = "disable-user", description = "Stop a user from logging in; ends their sessions.")
    static final class DisableUser extends DatabaseCommand {
        @Parameters(paramLabel = "USERNAME")
        String username = "";

        @Override
        void run(Database database, UserService users) {
            users.update(
                    CONSOLE,
                    users.getByUsername(username).id(),
                    UserChanges.none().withEnabled(false));
            out().println("User '" + username + "' disabled");
        }
    }

    @Command(name = "enable-user", description = "Let a disabled user log in again.")
    static final class EnableUser extends DatabaseCommand {
        @Parameters(paramLabel = "USERNAME")
        String username = "";

        @Override
        void run(Database database, UserService users) {
            users.update(
                    CONSOLE,
                    users.getByUsername(username).id(),
                    UserChanges.none().withEnabled(true));
            out().println("User '" + username + "' enabled");
        }
    }

    @Command(name = "rename-user", description = "Change a user's username.")
    static final class RenameUser extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username = "";

        @Parameters(index = "1", paramLabel = "NEW_USERNAME")
        String newUsername = "";

        @Override
        void run(Database database, UserService users) {
            users.rename(users.getByUsername(username).id(), newUsername);
            out().println("User '" + username + "' renamed to '" + newUsername + "'");
        }
    }

    @Command(name = "list-users", description = "List users with their roles.")
    static final class ListUsers extends DatabaseCommand {
        @Override
        void run(Database database, UserService users) {
            for (User user : users.list()) {
                out().printf(
                                "%-6d %-24s %-11s %-8s %s%n",
                                user.id(),
                                user.username(),
                                user.role().wireName(),
                                user.enabled() ? "enabled" : "disabled",
                                user.email());
            }
        }
    }
}
