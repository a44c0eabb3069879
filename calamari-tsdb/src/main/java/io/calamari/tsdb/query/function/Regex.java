package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.QueryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Python {@code re} patterns and {@code re.sub} replacements in Java terms. Stateless. */
final class Regex {
    private Regex() {}

    static Pattern compile(String pythonPattern) {
        try {
            // Python's named groups (?P<name>...) are Java's (?<name>...)
            return Pattern.compile(pythonPattern.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException invalid) {
            throw new QueryException("invalid regular expression '" + pythonPattern + "': " + invalid.getDescription());
        }
    }

    /** Python's {@code re.sub(pattern, replacement, text)} with {@code \1} and {@code \g<name>}. */
    static String substitute(Pattern pattern, String replacement, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(text, last, matcher.start());
            expand(matcher, replacement, out);
            last = matcher.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void expand(Matcher matcher, String replacement, StringBuilder out) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c != '\\' || i + 1 >= replacement.length()) {
                out.append(c);
                continue;
            }
            char next = replacement.charAt(++i);
            if (Character.isDigit(next)) {
                int group = next - '0';
                if (i + 1 < replacement.length()
                        && Character.isDigit(replacement.charAt(i + 1))
                        && group * 10 + replacement.charAt(i + 1) - '0' <= matcher.groupCount()) {
                    group = group * 10 + replacement.charAt(++i) - '0';
                }
                if (group > matcher.groupCount()) {
                    throw new QueryException("invalid group reference " + group);
                }
                String value = matcher.group(group);
                out.append(value == null ? "" : value);
            } else if (next == 'g' && i + 1 < replacement.length() && replacement.charAt(i + 1) == '<') {
                int close = replacement.indexOf('>', i);
                String name = replacement.substring(i + 2, close);
                String value = name.chars().allMatch(Character::isDigit)
                        ? matcher.group(Integer.parseInt(name))
                        : matcher.group(name);
                out.append(value == null ? "" : value);
                i = close;
            } else if (next == 'n') {
                out.append('\n');
            } else if (next == 't') {
                out.append('\t');
            } else if (next == '\\') {
                out.append('\\');
            } else {
                out.append('\\').append(next);
            }
        }
    }
}
