package io.calamari.server.ctl;

import io.calamari.server.config.CommandLines;
import io.calamari.server.config.UsageException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code calamari ctl}: the administration CLI. It works on the database directly (found through the
 * same options, environment variables and config file as the server), so it also works while the
 * server is stopped. Exit codes: 0 done, 1 failed (e.g. unknown user), 2 bad usage.
 */
@Command(
        name = "calamari ctl",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        description = "Calamari administration: database initialization, users and roles, demo scenarios.",
        subcommands = {
            InitializeCommand.class,
            UserCommands.AddUser.class,
            UserCommands.AssignRole.class,
            UserCommands.ChangePassword.class,
            UserCommands.DisableUser.class,
            UserCommands.EnableUser.class,
            UserCommands.RenameUser.class,
            UserCommands.ListUsers.class,
            ClearCommand.class,
            DemoCommand.class
        })
public final class CtlMain implements Runnable {
    final Terminal terminal;

    CtlMain(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(
                args,
                System.getenv(),
                System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                true));
    }

    /** Runs one ctl command; {@code interactive} allows password prompts on the system console. */
    public static int run(
            String[] args,
            Map<String, String> environment,
            InputStream in,
            PrintWriter out,
            PrintWriter err,
            boolean interactive) {
        Terminal terminal = new Terminal(
                interactive ? System.console() : null,
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        return CommandLines.execute(new CtlMain(terminal), args, environment, out, err);
    }

    @Override
    public void run() {
        throw new UsageException("a command is required; see --help");
    }
}
