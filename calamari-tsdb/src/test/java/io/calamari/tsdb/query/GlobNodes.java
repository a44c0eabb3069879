package io.calamari.tsdb.query;

import java.util.ArrayList;
import java.util.List;

/** Graphite glob patterns for the test source: split into nodes, each turned into a regex. */
final class GlobNodes {
    private GlobNodes() {}

    static List<String> split(String pattern) {
        List<String> nodes = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == '.' && depth == 0) {
                nodes.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        nodes.add(pattern.substring(start));
        return nodes;
    }

    static String toRegex(String node) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < node.length(); i++) {
            char c = node.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^.]*");
                case '?' -> regex.append("[^.]");
                case '[' -> {
                    int close = node.indexOf(']', i);
                    String body = node.substring(i + 1, close);
                    regex.append('[')
                            .append(body.startsWith("!") ? "^" + body.substring(1) : body)
                            .append(']');
                    i = close;
                }
                case '{' -> {
                    int close = node.indexOf('}', i);
                    regex.append("(?:");
                    String[] options = node.substring(i + 1, close).split(",");
                    for (int j = 0; j < options.length; j++) {
                        regex.append(j > 0 ? "|" : "").append(toRegex(options[j]));
                    }
                    regex.append(')');
                    i = close;
                }
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
