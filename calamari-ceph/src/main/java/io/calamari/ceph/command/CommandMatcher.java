package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CommandDescription.Flag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the command a list of words means, as the {@code ceph} CLI's {@code validate_command} does:
 * every command is ranked by how many signature elements the words match (a full match beats a
 * partial one), the best are tried with the fewest required elements first, and the first that
 * validates wins; a bad argument of a best candidate stops the search. Obsolete commands never
 * match; deprecated and hidden ones are left out of suggestions. Stateless and thread-safe.
 */
final class CommandMatcher {
    private static final int SUGGESTIONS = 10;

    /** The outcome of a search. */
    sealed interface Match {}

    /** The words form {@code command}, whose JSON arguments are {@code arguments}. */
    record Found(CommandDescription command, Map<String, Object> arguments) implements Match {
        Found {
            requireNonNull(command, "command");
            requireNonNull(arguments, "arguments");
        }
    }

    /** The words name {@code command} but an argument is wrong ({@code problem} says how). */
    record Invalid(CommandDescription command, String problem) implements Match {
        Invalid {
            requireNonNull(command, "command");
            requireNonNull(problem, "problem");
        }
    }

    /** No command fits; {@code closest} are the best-ranked ones worth suggesting. */
    record NotFound(List<CommandDescription> closest) implements Match {
        NotFound {
            closest = List.copyOf(closest);
        }
    }

    private CommandMatcher() {}

    static Match match(List<CommandDescription> commands, List<String> words) {
        List<CommandDescription> best = bestRanked(commands, words);
        List<CommandDescription> fewestRequiredFirst = best.stream()
                .sorted(Comparator.comparingLong(CommandMatcher::requiredCount))
                .toList();
        for (CommandDescription command : fewestRequiredFirst) {
            try {
                return new Found(command, SignatureValidator.validate(words, command));
            } catch (ArgumentException e) {
                switch (e.kind()) {
                    case PREFIX, TOO_FEW -> {
                        // Not this command after all; try the next.
                    }
                    case MISSING -> {
                        return best.size() == 1 ? new Invalid(command, e.problem()) : notFound(best);
                    }
                    case NUMBER, FORMAT, VALID, OTHER -> {
                        return new Invalid(command, e.problem());
                    }
                }
            }
        }
        return notFound(best);
    }

    /** The commands with the highest rank, in description order. */
    private static List<CommandDescription> bestRanked(List<CommandDescription> commands, List<String> words) {
        double bestRank = 0;
        List<CommandDescription> best = new ArrayList<>();
        for (CommandDescription command : commands) {
            if (command.has(Flag.OBSOLETE)) {
                continue;
            }
            double rank = SignatureValidator.matchCount(words, command.signature(), true);
            if (rank >= Math.floor(bestRank)
                    && rank == SignatureValidator.matchCount(words, command.signature(), false)) {
                rank += 0.5;
            }
            if (rank < bestRank) {
                continue;
            }
            if (rank > bestRank) {
                bestRank = rank;
                best.clear();
            }
            best.add(command);
        }
        return best;
    }

    private static NotFound notFound(List<CommandDescription> best) {
        return new NotFound(best.stream()
                .filter(command -> !command.has(Flag.DEPRECATED) && !command.has(Flag.HIDDEN))
                .limit(SUGGESTIONS)
                .toList());
    }

    private static long requiredCount(CommandDescription command) {
        return command.signature().stream()
                .filter(ArgumentDescription::required)
                .count();
    }
}
