package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ceph} CLI's own options, found anywhere before {@code --} the way its Python {@code
 * argparse} finds them ({@code -f json}, {@code -fjson}, {@code --format=json}, unambiguous
 * abbreviations such as {@code --form json}, joined short flags such as {@code -sf json}), the other
 * words kept in order. Only {@code -f}/{@code --format} and {@code -s}/{@code --status} are supported;
 * every other CLI option, and the connection options librados would take ({@code -k}, {@code -m}),
 * is refused with the reason. Stateless and thread-safe.
 */
final class GlobalOptions {
    private static final List<String> FORMATS = List.of("json", "json-pretty", "xml", "xml-pretty", "plain", "yaml");

    private static final String CONNECTION =
            "is not supported: commands run over the server's own connection to the cluster (its configuration,"
                    + " cluster name and credentials)";
    private static final String LOCAL = "is not supported: it only changes what the ceph CLI itself prints";
    private static final String WATCH = "is not supported: watching the cluster log never ends";
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d+|-\\d*\\.\\d+");

    /** One option of the CLI's parser; {@code refusal} is null for the supported ones. */
    private record Option(
            List<String> names,
            boolean takesValue,
            @Nullable String refusal) {
        String display() {
            return String.join("/", names);
        }
    }

    /** An argument that names an option ({@code option} null for an unknown one). */
    private record OptionUse(
            @Nullable Option option,
            String optionString,
            @Nullable String explicitValue) {}

    /** The supported options found and the other words. */
    record Result(Optional<String> format, boolean status, List<String> words) {
        Result {
            requireNonNull(format, "format");
            words = List.copyOf(words);
        }
    }

    private static final Map<String, Option> OPTIONS = options();

    private GlobalOptions() {}

    private static Map<String, Option> options() {
        List<Option> options = List.of(
                new Option(List.of("--completion"), false, LOCAL),
                new Option(
                        List.of("-h", "--help"),
                        false,
                        "is not supported: the CLI prints help itself; the"
                                + " commands a cluster accepts come from its get_command_descriptions"),
                new Option(List.of("-c", "--conf"), true, CONNECTION),
                new Option(List.of("-i", "--in-file"), true, "is not supported: commands take no input file here"),
                new Option(
                        List.of("-o", "--out-file"), true, "is not supported: the output comes back in the response"),
                new Option(List.of("--setuser"), true, "is not supported: there is no output file"),
                new Option(List.of("--setgroup"), true, "is not supported: there is no output file"),
                new Option(List.of("--id", "--user"), true, CONNECTION),
                new Option(List.of("--name", "-n"), true, CONNECTION),
                new Option(List.of("--cluster"), true, CONNECTION),
                new Option(
                        List.of("--admin-daemon"),
                        true,
                        "is not supported: admin socket commands run on the"
                                + " daemon's own host, not through the cluster"),
                new Option(List.of("-s", "--status"), false, null),
                new Option(List.of("-w", "--watch"), false, WATCH),
                new Option(List.of("--watch-debug"), false, WATCH),
                new Option(List.of("--watch-info"), false, WATCH),
                new Option(List.of("--watch-sec"), false, WATCH),
                new Option(List.of("--watch-warn"), false, WATCH),
                new Option(List.of("--watch-error"), false, WATCH),
                new Option(List.of("-W", "--watch-channel"), true, WATCH),
                new Option(List.of("--version", "-v"), false, "is not supported: ask for 'version' or 'versions'"),
                new Option(List.of("--verbose"), false, LOCAL),
                new Option(List.of("--concise"), false, LOCAL),
                new Option(List.of("-f", "--format"), true, null),
                new Option(List.of("--connect-timeout"), true, "is not supported: the server sets its own timeouts"),
                new Option(List.of("--block"), false, "is not supported: commands do not wait for scrubs here"),
                new Option(List.of("--period", "-p"), true, "is not supported: polling commands run once here"));
        Map<String, Option> byName = new LinkedHashMap<>();
        options.forEach(option -> option.names().forEach(name -> byName.put(name, option)));
        return byName;
    }

    /**
     * Separates the CLI's options from the command's words.
     *
     * @throws CommandLineException for an unsupported, ambiguous or malformed option
     */
    static Result parse(List<String> arguments) {
        Scan scan = new Scan(arguments);
        while (scan.index < arguments.size()) {
            scan.next();
        }
        return new Result(Optional.ofNullable(scan.format), scan.status, scan.words);
    }

    /** One pass of argparse's {@code parse_known_args} over the arguments. */
    private static final class Scan {
        final List<String> arguments;
        /** What each argument is; null for a positional one (every argument after {@code --}). */
        final List<@Nullable OptionUse> uses = new ArrayList<>();

        final int doubleDash;
        final List<String> words = new ArrayList<>();

        @Nullable
        String format;

        boolean status;
        int index;

        Scan(List<String> arguments) {
            this.arguments = arguments;
            this.doubleDash = arguments.indexOf("--");
            for (int position = 0; position < arguments.size(); position++) {
                boolean afterDoubleDash = doubleDash >= 0 && position >= doubleDash;
                uses.add(afterDoubleDash ? null : optionUse(arguments.get(position)));
            }
        }

        void next() {
            OptionUse use = uses.get(index);
            Option option = use == null ? null : use.option();
            if (use == null || option == null) {
                if (use != null) {
                    refuseConnectionArgument(arguments.get(index));
                }
                words.add(arguments.get(index++));
                return;
            }
            consume(option, use.optionString(), use.explicitValue());
        }

        /** argparse's {@code consume_optional}: joined short flags ({@code -sf json}), then the value. */
        private void consume(Option first, String firstString, @Nullable String firstValue) {
            Option option = first;
            String optionString = firstString;
            String explicitValue = firstValue;
            while (explicitValue != null && !option.takesValue()) {
                if (optionString.charAt(1) == '-' || explicitValue.isEmpty()) {
                    throw error(option, "ignored explicit argument '" + explicitValue + "'");
                }
                use(option, null);
                Option next = OPTIONS.get("-" + explicitValue.charAt(0));
                if (next == null) {
                    throw error(option, "ignored explicit argument '" + explicitValue + "'");
                }
                option = next;
                optionString = "-" + explicitValue.charAt(0);
                explicitValue = explicitValue.length() > 1 ? explicitValue.substring(1) : null;
            }
            index++;
            if (!option.takesValue()) {
                use(option, null);
            } else if (explicitValue != null) {
                use(option, explicitValue);
            } else if (index < arguments.size() && uses.get(index) == null && index != doubleDash) {
                use(option, arguments.get(index++));
            } else {
                throw error(option, "expected one argument");
            }
        }

        /** Takes a supported option into account, refuses the others. */
        private void use(Option option, @Nullable String value) {
            String refusal = option.refusal();
            if (refusal != null) {
                throw new CommandLineException("the ceph CLI option " + option.display() + " " + refusal);
            }
            if (option.names().contains("--format")) {
                format = checkedFormat(option, requireNonNull(value, "value"));
            } else if (option.names().contains("--status")) {
                status = true;
            }
        }
    }

    private static String checkedFormat(Option option, String value) {
        if (!FORMATS.contains(value)) {
            String choices = FORMATS.stream().map(choice -> "'" + choice + "'").collect(Collectors.joining(", "));
            throw error(option, "invalid choice: '" + value + "' (choose from " + choices + ")");
        }
        return value;
    }

    /** What argparse's {@code _parse_optional} makes of one argument; null for a positional one. */
    private static @Nullable OptionUse optionUse(String argument) {
        if (argument.isEmpty() || argument.charAt(0) != '-') {
            return null;
        }
        Option exact = OPTIONS.get(argument);
        if (exact != null) {
            return new OptionUse(exact, argument, null);
        }
        if (argument.length() == 1) {
            return null;
        }
        int equals = argument.indexOf('=');
        if (equals >= 0 && OPTIONS.containsKey(argument.substring(0, equals))) {
            String name = argument.substring(0, equals);
            return new OptionUse(OPTIONS.get(name), name, argument.substring(equals + 1));
        }
        List<OptionUse> candidates = candidates(argument);
        if (candidates.size() > 1) {
            String names = candidates.stream().map(OptionUse::optionString).collect(Collectors.joining(", "));
            throw new CommandLineException("ambiguous option: " + argument + " could match " + names);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (NEGATIVE_NUMBER.matcher(argument).matches() || argument.contains(" ")) {
            return null;
        }
        return new OptionUse(null, argument, null);
    }

    /** argparse's {@code _get_option_tuples}: abbreviated long options, short options with a joined value. */
    private static List<OptionUse> candidates(String argument) {
        List<OptionUse> candidates = new ArrayList<>();
        if (argument.startsWith("--")) {
            int equals = argument.indexOf('=');
            String prefix = equals >= 0 ? argument.substring(0, equals) : argument;
            String value = equals >= 0 ? argument.substring(equals + 1) : null;
            OPTIONS.forEach((name, option) -> {
                if (name.startsWith(prefix)) {
                    candidates.add(new OptionUse(option, name, value));
                }
            });
        } else {
            String shortName = argument.substring(0, 2);
            OPTIONS.forEach((name, option) -> {
                if (name.equals(shortName)) {
                    candidates.add(new OptionUse(option, name, argument.substring(2)));
                } else if (name.startsWith(argument)) {
                    candidates.add(new OptionUse(option, name, null));
                }
            });
        }
        return candidates;
    }

    /** Refuses the connection options librados itself would take from the CLI's leftover arguments. */
    private static void refuseConnectionArgument(String argument) {
        String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
        if (List.of("-k", "--keyring", "-m", "--mon-host", "--mon_host", "-d", "-D")
                .contains(name)) {
            throw new CommandLineException("the option " + name + " " + CONNECTION);
        }
    }

    private static CommandLineException error(Option option, String problem) {
        return new CommandLineException("argument " + option.display() + ": " + problem);
    }
}
