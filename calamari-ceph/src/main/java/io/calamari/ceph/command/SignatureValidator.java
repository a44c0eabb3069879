package io.calamari.ceph.command;

import io.calamari.ceph.command.ArgumentException.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Words against one command's signature, ported step by step from the {@code ceph} CLI's {@code
 * ceph_argparse} ({@code matchnum}, {@code validate}, {@code validate_one}, {@code store_arg}) so
 * that every quirk carries over: an optional argument that does not fit a word leaves it to the next
 * one; {@code --name=value}, {@code --name value} and {@code --flag} name an argument anywhere
 * (dashes and underscores alike); a repeated argument takes words while they fit, and splits them at
 * commas unless it is a positional {@code CephString}; other words starting with {@code --} are
 * refused. Stateless and thread-safe.
 */
final class SignatureValidator {
    private static final Pattern KEYWORD_WITH_VALUE = Pattern.compile("--([^=]+)=(.+)", Pattern.UNIX_LINES);
    private static final Pattern KEYWORD = Pattern.compile("--([^=]+)", Pattern.UNIX_LINES);
    private static final List<String> CONFIRMATIONS = List.of(
            "--yes-i-really-mean-it",
            "--yes-i-really-really-mean-it",
            "--yes-i-really-really-mean-it-not-faking",
            "--force");

    /** The validation state of one signature element: Python mutates its {@code argdesc} copies. */
    private static final class Slot {
        final ArgumentDescription description;
        int seen;
        int limit;

        Slot(ArgumentDescription description) {
            this.description = description;
            this.limit = description.count();
        }
    }

    private SignatureValidator() {}

    /**
     * How many signature elements the words match, for ranking ({@code matchnum}); with {@code
     * partial} the last word may be the beginning of a literal word or choice.
     */
    static int matchCount(List<String> words, List<ArgumentDescription> signature, boolean partial) {
        Deque<String> remaining = new ArrayDeque<>(words);
        int matched = 0;
        for (ArgumentDescription description : signature) {
            Slot slot = new Slot(description);
            while (slot.seen < slot.limit) {
                String word = remaining.pollFirst();
                if (word == null) {
                    return matched;
                }
                try {
                    validateOne(word, slot, false, partial && remaining.isEmpty());
                } catch (ArgumentException e) {
                    if (description.required()) {
                        return matched;
                    }
                    remaining.addFirst(word);
                    break;
                }
            }
            if (description.required()) {
                matched++;
            }
        }
        return matched;
    }

    /** The JSON arguments of the command the words form, {@code prefix} included ({@code validate}). */
    static Map<String, Object> validate(List<String> words, CommandDescription command) throws ArgumentException {
        Validation validation = new Validation(words, command);
        for (Slot slot : validation.slots) {
            validation.fill(slot);
        }
        return validation.finish();
    }

    /** One run of {@code validate}: the words left, the values found, the last optional word skipped. */
    private static final class Validation {
        final CommandDescription command;
        final Deque<String> remaining;
        final List<Slot> slots;
        final Map<String, Slot> byName = new HashMap<>();
        final boolean injectArguments;
        final Map<String, Object> values = new LinkedHashMap<>();
        int matched;

        @Nullable
        String skippedWord;

        @Nullable
        ArgumentException skippedBecause;

        Validation(List<String> words, CommandDescription command) {
            this.command = command;
            this.remaining = new ArrayDeque<>(words);
            this.slots = command.signature().stream().map(Slot::new).toList();
            slots.stream()
                    .filter(slot -> slot.description.type() != ArgumentType.PREFIX)
                    .forEach(slot -> byName.put(slot.description.name(), slot));
            this.injectArguments = !words.isEmpty() && words.get(0).equals("injectargs");
        }

        /** Gives {@code slot} its words: positional, or named anywhere while it waits. */
        void fill(Slot slot) throws ArgumentException {
            ArgumentDescription description = slot.description;
            slot.seen = 0;
            while (slot.seen < slot.limit) {
                String word = remaining.pollFirst();
                if (word == null && (!description.required() || values.containsKey(description.name()))) {
                    return;
                }
                if (word != null && !word.isEmpty() && keyword(word)) {
                    matched++;
                    continue;
                }
                if (word != null && word.startsWith("--") && !acceptsDashes(description, word, injectArguments)) {
                    throw new ArgumentException(Kind.VALID, "Unexpected argument '" + word + "'");
                }
                if (word == null) {
                    ArgumentException missing = missing(slot);
                    if (missing != null) {
                        throw missing;
                    }
                    return;
                }
                List<Object> parsed;
                try {
                    parsed = validateOne(word, slot, false, false);
                } catch (ArgumentException e) {
                    if (description.required()) {
                        throw e;
                    }
                    skippedWord = word;
                    skippedBecause = e;
                    remaining.addFirst(word);
                    return;
                }
                matched++;
                store(description, parsed, values);
                skippedWord = null;
                skippedBecause = null;
            }
        }

        /**
         * Takes {@code word} as {@code --name=value}, {@code --name value} or {@code --flag} if it
         * names an argument of the signature; returns whether it did.
         */
        private boolean keyword(String word) throws ArgumentException {
            Slot slot;
            String value;
            Matcher withValue = KEYWORD_WITH_VALUE.matcher(word);
            if (withValue.lookingAt()) {
                slot = byName.get(withValue.group(1).replace('-', '_'));
                value = withValue.group(2);
            } else {
                Matcher bare = KEYWORD.matcher(word);
                if (!bare.lookingAt()) {
                    return false;
                }
                slot = byName.get(bare.group(1).replace('-', '_'));
                if (slot == null) {
                    return false;
                }
                if (slot.description.type() == ArgumentType.BOOL) {
                    value = "true";
                } else if (!remaining.isEmpty()) {
                    value = remaining.removeFirst();
                } else {
                    return false;
                }
            }
            if (slot == null) {
                return false;
            }
            store(slot.description, validateOne(value, slot, true, false), values);
            return true;
        }

        Map<String, Object> finish() throws ArgumentException {
            long requiredCount =
                    slots.stream().filter(slot -> slot.description.required()).count();
            if (matched < requiredCount) {
                throw new ArgumentException(Kind.TOO_FEW, "not enough arguments given");
            }
            if (!remaining.isEmpty()) {
                String unused = remaining.stream().map(word -> "'" + word + "'").collect(Collectors.joining(", "));
                String reason = skippedBecause == null
                        ? ""
                        : " (" + skippedWord + " not valid: " + skippedBecause.problem() + ")";
                throw new ArgumentException(Kind.OTHER, "unused arguments: [" + unused + "]" + reason);
            }
            if (command.has(CommandDescription.Flag.POLL)) {
                values.put("poll", true);
            }
            return values;
        }
    }

    /** Whether a word starting with {@code --} that names no argument may still be a value. */
    private static boolean acceptsDashes(ArgumentDescription description, String word, boolean injectArguments) {
        return description.type() == ArgumentType.CHOICES || CONFIRMATIONS.contains(word) || injectArguments;
    }

    /** What to throw when the words ran out before a required argument, if anything. */
    private static @Nullable ArgumentException missing(Slot slot) {
        ArgumentDescription description = slot.description;
        boolean bare = description.type() == ArgumentType.PREFIX
                || (description.type() == ArgumentType.CHOICES
                        && description.choices().size() == 1);
        String shown = bare ? description.typeLabel() : description.name() + "(" + description.typeLabel() + ")";
        if (description.repeated()) {
            return slot.seen < 1
                    ? new ArgumentException(Kind.NUMBER, "saw 0 of " + shown + "..., expected at least 1")
                    : null;
        }
        if (slot.seen >= slot.limit) {
            return null;
        }
        if (slot.seen == 0 && slot.limit == 1) {
            return new ArgumentException(Kind.MISSING, "missing required parameter " + shown);
        }
        return new ArgumentException(Kind.NUMBER, "saw " + slot.seen + " of " + shown + ", expected " + slot.limit);
    }

    private static List<Object> validateOne(String word, Slot slot, boolean keyword, boolean partial)
            throws ArgumentException {
        ArgumentDescription description = slot.description;
        boolean splitAtCommas = description.repeated() && (keyword || description.type() != ArgumentType.STRING);
        List<Object> parsed = new ArrayList<>();
        try {
            if (splitAtCommas) {
                for (String part : word.split(",", -1)) {
                    parsed.add(ArgumentValues.validate(description, part, partial));
                }
            } else {
                parsed.add(ArgumentValues.validate(description, word, partial));
            }
        } catch (ArgumentException e) {
            if (e.kind() == Kind.PREFIX) {
                throw e;
            }
            throw new ArgumentException(
                    e.kind(), "argument '" + description.name() + "' " + description.typeLabel() + ": " + e.problem());
        }
        slot.seen++;
        if (description.repeated()) {
            slot.limit = slot.seen + 1;
        }
        return parsed;
    }

    private static void store(ArgumentDescription description, List<Object> parsed, Map<String, Object> values) {
        String name = description.name();
        Object previous = values.get(name);
        if (description.repeated()) {
            List<Object> list = new ArrayList<>();
            if (previous instanceof List<?> earlier) {
                list.addAll(earlier);
            }
            list.addAll(parsed);
            values.put(name, list);
        } else if (description.type() == ArgumentType.PREFIX && previous != null) {
            values.put(name, previous + " " + parsed.get(parsed.size() - 1));
        } else {
            values.put(name, parsed.get(parsed.size() - 1));
        }
    }
}
