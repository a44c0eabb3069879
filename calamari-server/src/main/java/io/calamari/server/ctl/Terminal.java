package io.calamari.server.ctl;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where calamari-ctl reads passwords: the terminal without echo (asked twice) when there is one,
 * otherwise one line of standard input. Not thread-safe; one per command run.
 */
final class Terminal {
    private final @Nullable Console console;
    private final BufferedReader input;

    Terminal(@Nullable Console console, BufferedReader input) {
        this.console = console;
        this.input = input;
    }

    /** The password, or empty when none was given (end of input or an empty line). */
    Optional<String> readPassword(String prompt) {
        if (console != null) {
            char[] first = console.readPassword("%s: ", prompt);
            char[] second = console.readPassword("%s (again): ", prompt);
            if (first == null || second == null) {
                return Optional.empty();
            }
            if (!Arrays.equals(first, second)) {
                throw new IllegalStateException("the two passwords differ");
            }
            return Optional.of(new String(first)).filter(password -> !password.isEmpty());
        }
        try {
            String line = input.readLine();
            return Optional.ofNullable(line).map(String::strip).filter(password -> !password.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
    }
}
