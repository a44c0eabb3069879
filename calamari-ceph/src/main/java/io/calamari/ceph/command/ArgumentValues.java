package io.calamari.ceph.command;

import io.calamari.ceph.command.ArgumentException.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks one word against one argument type, as the {@code valid} methods of the {@code ceph} CLI's
 * {@code ceph_argparse} types do, and returns the value the CLI sends: a {@code Long} for {@code
 * CephInt} and {@code CephOsdName}, a {@code Double} for {@code CephFloat}, a {@code Boolean} for
 * {@code CephBool}, the word otherwise. Thread-safe (the only state is a cache of character sets).
 */
final class ArgumentValues {
    /** Python's {@code string.printable}: a {@code CephString} accepts only these characters. */
    private static final String PRINTABLE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\u000b\u000c";

    private static final Map<String, Set<Character>> GOOD_CHARACTERS = new ConcurrentHashMap<>();

    private ArgumentValues() {}

    /**
     * The value of {@code word} for {@code description}; {@code partial} accepts the beginning of a
     * literal word or choice (for ranking commands).
     */
    static Object validate(ArgumentDescription description, String word, boolean partial) throws ArgumentException {
        return switch (description.type()) {
            case PREFIX -> literal(description.attribute("prefix"), word, partial);
            case STRING -> string(description.attribute("goodchars"), word);
            case INT -> integer(description.attribute("range"), word);
            case FLOAT -> decimal(description.attribute("range"), word);
            case CHOICES -> choice(description, word, partial);
            case BOOL -> bool(word);
            case POOL_NAME, OBJECT_NAME -> word;
            case NAME -> CephNames.name(word);
            case OSD_NAME -> CephNames.osdName(word);
            case PGID -> CephNames.placementGroupId(word);
            case IP_ADDRESS -> NetworkAddresses.ipAddress(word);
            case ENTITY_ADDRESS -> NetworkAddresses.entityAddress(word);
            case UUID -> CephNames.uuid(word);
            case FRAGMENT -> CephNames.fragment(word);
            case FILE_PATH, SOCKET_PATH ->
                throw new ArgumentException(
                        Kind.VALID, "local files and sockets of the ceph CLI cannot be given through this API");
            case UNKNOWN ->
                throw new ArgumentException(
                        Kind.VALID, "the argument type " + description.typeName() + " is not known to this server");
        };
    }

    private static String literal(String literal, String word, boolean partial) throws ArgumentException {
        if (partial ? literal.startsWith(word) : literal.equals(word)) {
            return word;
        }
        throw new ArgumentException(Kind.PREFIX, "no match for " + word);
    }

    private static String string(String goodCharacters, String word) throws ArgumentException {
        Set<Character> allowed = GOOD_CHARACTERS.computeIfAbsent(goodCharacters, ArgumentValues::allowedCharacters);
        if (allowed.isEmpty()) {
            return word;
        }
        Set<String> invalid = new LinkedHashSet<>();
        word.codePoints()
                .filter(codePoint -> codePoint > Character.MAX_VALUE || !allowed.contains((char) codePoint))
                .forEach(codePoint -> invalid.add(Character.toString(codePoint)));
        if (!invalid.isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "invalid chars " + String.join("", invalid) + " in " + word);
        }
        return word;
    }

    /** The printable characters {@code goodchars} (a regular expression) matches at its start, as the CLI computes. */
    private static Set<Character> allowedCharacters(String goodCharacters) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(goodCharacters);
        } catch (PatternSyntaxException e) {
            return Set.of();
        }
        Set<Character> allowed = new LinkedHashSet<>();
        for (char character : PRINTABLE.toCharArray()) {
            if (pattern.matcher(String.valueOf(character)).lookingAt()) {
                allowed.add(character);
            }
        }
        return Set.copyOf(allowed);
    }

    private static Long integer(String range, String word) throws ArgumentException {
        Optional<BigInteger> parsed = PythonNumbers.parseInteger(word, 0);
        if (parsed.isEmpty()) {
            throw new ArgumentException(Kind.VALID, word + " doesn't represent an int");
        }
        BigInteger value = parsed.get();
        List<BigInteger> bounds = new ArrayList<>();
        for (String bound : bounds(range)) {
            bounds.add(PythonNumbers.parseInteger(bound, 10).orElse(BigInteger.ZERO));
        }
        if ((!bounds.isEmpty() && value.compareTo(bounds.get(0)) < 0)
                || (bounds.size() == 2 && value.compareTo(bounds.get(1)) > 0)) {
            throw new ArgumentException(Kind.VALID, value + " not in range " + bounds);
        }
        if (value.bitLength() >= Long.SIZE) {
            throw new ArgumentException(Kind.VALID, value + " does not fit a 64-bit integer");
        }
        return value.longValue();
    }

    private static Double decimal(String range, String word) throws ArgumentException {
        OptionalDouble parsed = PythonNumbers.parseFloat(word);
        if (parsed.isEmpty()) {
            throw new ArgumentException(Kind.VALID, word + " doesn't represent a float");
        }
        double value = parsed.getAsDouble();
        List<Double> bounds = new ArrayList<>();
        for (String bound : bounds(range)) {
            bounds.add(PythonNumbers.parseFloat(bound).orElse(0));
        }
        if ((!bounds.isEmpty() && value < bounds.get(0)) || (bounds.size() == 2 && value > bounds.get(1))) {
            throw new ArgumentException(Kind.VALID, value + " not in range " + bounds);
        }
        return value;
    }

    private static List<String> bounds(String range) {
        return range.isEmpty() ? List.of() : List.of(range.split("\\|"));
    }

    private static String choice(ArgumentDescription description, String word, boolean partial)
            throws ArgumentException {
        List<String> choices = description.choices();
        boolean valid = partial ? choices.stream().anyMatch(choice -> choice.startsWith(word)) : choices.contains(word);
        if (!valid) {
            throw new ArgumentException(
                    Kind.VALID, word + " not in " + choices.stream().collect(Collectors.joining("|")));
        }
        return word;
    }

    private static Boolean bool(String word) throws ArgumentException {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new ArgumentException(Kind.VALID, word + " not one of 'true', 'false'");
        };
    }
}
