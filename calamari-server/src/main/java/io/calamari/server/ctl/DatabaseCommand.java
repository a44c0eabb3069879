package io.calamari.server.ctl;

import io.calamari.server.config.StorageOptions;
import io.calamari.server.config.UsageException;
import io.calamari.server.db.Database;
import io.calamari.server.user.PasswordHasher;
import io.calamari.server.user.UserService;
import io.calamari.server.user.UserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Base of the ctl commands: the storage options, a migrated database, and the user service. */
abstract class DatabaseCommand implements Callable<Integer> {
    @Mixin
    StorageOptions storage = new StorageOptions();

    @ParentCommand
    @Nullable
    CtlMain parent;

    @Spec
    @Nullable
    CommandSpec spec;

    @Override
    public final Integer call() {
        validate();
        try (Database database = Database.open(storage.database(), new SimpleMeterRegistry())) {
            database.migrate();
            run(database, new UserService(new UserStore(database.jdbi()), new PasswordHasher(), Clock.systemUTC()));
        }
        return 0;
    }

    /** Checks the options before the database is touched; throws {@link UsageException}. */
    void validate() {}

    abstract void run(Database database, UserService users);

    PrintWriter out() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec.commandLine().getOut();
    }

    /** The password given as an option, else read from the terminal or standard input; required. */
    String password(@Nullable String option, String prompt) {
        if (option != null) {
            return option;
        }
        if (parent == null) {
            throw new IllegalStateException("picocli did not inject the parent command");
        }
        Optional<String> password = parent.terminal.readPassword(prompt);
        return password.orElseThrow(() -> new IllegalStateException(
                "no password given: use --password, or type it or pipe it on standard input"));
    }
}
