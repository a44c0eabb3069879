package io.calamari.tsdb.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One node of a Graphite path pattern, as graphite-web's standard finder matches it: {@code *} any
 * run of characters, {@code ?} one character, {@code [abc]}/{@code [a-z]} one of a set ({@code [!..]}
 * negated), {@code {a,b}} alternatives (nested braces expanded too). Case-sensitive; never crosses a
 * dot. Immutable.
 */
public final class GlobPattern {
    private final String text;
    private final Optional<String> literal;
    private final Optional<Pattern> regex;

    private GlobPattern(String text) {
        this.text = text;
        if (isLiteral(text)) {
            literal = Optional.of(text);
            regex = Optional.empty();
        } else {
            literal = Optional.empty();
            StringBuilder alternatives = new StringBuilder();
            for (String alternative : expandBraces(text)) {
                if (alternatives.length() > 0) {
                    alternatives.append('|');
                }
                alternatives.append(translate(alternative));
            }
            regex = Optional.of(Pattern.compile(alternatives.toString(), Pattern.DOTALL));
        }
    }

    public static GlobPattern of(String node) {
        return new GlobPattern(node);
    }

    /** The node patterns of a whole dotted pattern; dots inside braces do not split. */
    public static List<GlobPattern> ofPath(String pattern) {
        List<GlobPattern> nodes = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == '.' && depth == 0) {
                nodes.add(of(pattern.substring(start, i)));
                start = i + 1;
            }
        }
        nodes.add(of(pattern.substring(start)));
        return nodes;
    }

    /** The node itself when it has no wildcard, for a direct lookup. */
    public Optional<String> literal() {
        return literal;
    }

    public boolean matches(String name) {
        return literal.map(name::equals)
                .orElseGet(() -> regex.orElseThrow().matcher(name).matches());
    }

    static boolean isLiteral(String node) {
        for (int i = 0; i < node.length(); i++) {
            if ("*?[{".indexOf(node.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code a{b,c{d,e}}f} → abf, acdf, acef; an unbalanced brace is taken literally. */
    static List<String> expandBraces(String text) {
        int open = text.indexOf('{');
        if (open < 0) {
            return List.of(text);
        }
        int depth = 0;
        int close = -1;
        List<Integer> commas = new ArrayList<>();
        for (int i = open; i < text.length() && close < 0; i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                close = i;
            } else if (c == ',' && depth == 1) {
                commas.add(i);
            }
        }
        if (close < 0) {
            return List.of(text);
        }
        List<String> results = new ArrayList<>();
        String prefix = text.substring(0, open);
        String suffix = text.substring(close + 1);
        int start = open + 1;
        commas.add(close);
        for (int comma : commas) {
            for (String expanded : expandBraces(prefix + text.substring(start, comma) + suffix)) {
                if (!results.contains(expanded)) {
                    results.add(expanded);
                }
            }
            start = comma + 1;
        }
        return results;
    }

    /** fnmatch's translation of one brace-free alternative to a regular expression. */
    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int close = glob.indexOf(']', i + (i + 1 < glob.length() && glob.charAt(i + 1) == '!' ? 3 : 2));
                if (close < 0) {
                    regex.append("\\[");
                    continue;
                }
                String set = glob.substring(i + 1, close);
                regex.append('[');
                if (set.startsWith("!")) {
                    regex.append('^');
                    set = set.substring(1);
                }
                regex.append(set.replace("\\", "\\\\").replace("[", "\\[").replace("&&", "\\&\\&"));
                regex.append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
