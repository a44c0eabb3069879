package io.calamari.server.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs a picocli command whose settings (the options in {@link ConfigFile#SETTINGS}) may also come
 * from environment variables ({@code --data-dir} ← {@code CALAMARI_DATA_DIR}) and from the
 * {@code --config} file, in that order of precedence after the command line itself. Other options
 * (passwords, confirmations, roles) come only from the command line. Usage errors ({@link
 * UsageException} and picocli's own) exit 2, other failures 1.
 */
public final class CommandLines {
    public static final int USAGE_ERROR = 2;

    private CommandLines() {}

    public static int execute(
            Object command, String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> fileValues;
        try {
            String configFile = configFileArgument(args, environment);
            fileValues = configFile == null ? Map.of() : ConfigFile.read(Path.of(configFile));
        } catch (UsageException e) {
            err.println(commandLine.getCommandName() + ": " + e.getMessage());
            err.flush();
            return USAGE_ERROR;
        }
        setDefaults(commandLine, new Defaults(environment, fileValues));
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandName() + ": " + exception.getMessage());
            failed.getErr().flush();
            return exception instanceof UsageException ? USAGE_ERROR : 1;
        });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    private static void setDefaults(CommandLine commandLine, CommandLine.IDefaultValueProvider defaults) {
        commandLine.setDefaultValueProvider(defaults);
        commandLine.getSubcommands().values().forEach(sub -> setDefaults(sub, defaults));
    }

    private static @Nullable String configFileArgument(String[] args, Map<String, String> environment) {
        for (int index = 0; index < args.length; index++) {
            if (args[index].equals("--config")) {
                if (index + 1 >= args.length) {
                    throw new UsageException("Missing required parameter for option '--config' (FILE)");
                }
                return args[index + 1];
            }
            if (args[index].startsWith("--config=")) {
                return args[index].substring("--config=".length());
            }
        }
        return environment.get("CALAMARI_CONFIG");
    }

    /** Environment variable name for an option: {@code --data-dir} → {@code CALAMARI_DATA_DIR}. */
    public static String environmentVariable(String optionName) {
        return "CALAMARI_"
                + optionName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private record Defaults(Map<String, String> environment, Map<String, String> fileValues)
            implements CommandLine.IDefaultValueProvider {
        @Override
        public @Nullable String defaultValue(ArgSpec argument) {
            if (!(argument instanceof OptionSpec option)
                    || !ConfigFile.SETTINGS.contains(option.longestName().substring(2))) {
                return null;
            }
            String fromEnvironment = environment.get(environmentVariable(option.longestName()));
            if (fromEnvironment != null) {
                return fromEnvironment;
            }
            String fromFile = fileValues.get(option.longestName().substring(2));
            return fromFile != null ? fromFile : option.defaultValue();
        }
    }
}
