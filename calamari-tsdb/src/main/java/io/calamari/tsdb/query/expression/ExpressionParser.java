package io.calamari.tsdb.query.expression;

import io.calamari.tsdb.query.QueryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses graphite-web render targets: nested function calls, paths with globs, quoted strings,
 * numbers, booleans, {@code None} and {@code name=value} keywords. Unlike graphite-web, whose
 * parser silently treats a malformed call as a path (and answers nothing), malformed input is a
 * {@link QueryException} naming the position. Stateless.
 */
public final class ExpressionParser {
    // graphite-web's number tokens: no leading '+', no bare '.5', exponents without '+'
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private final String text;
    private int position;

    private ExpressionParser(String text) {
        this.text = text;
    }

    public static Expression parse(String target) {
        ExpressionParser parser = new ExpressionParser(target);
        parser.skipSpace();
        if (parser.position == target.length()) {
            throw new QueryException("empty target");
        }
        Expression expression = parser.piped();
        parser.skipSpace();
        if (parser.position != target.length()) {
            throw parser.error("unexpected '" + target.charAt(parser.position) + "'");
        }
        return expression;
    }

    /** An expression followed by {@code | call(...)} pipes, each taking what precedes as first argument. */
    private Expression piped() {
        Expression expression = expression();
        skipSpace();
        while (peek() == '|') {
            position++;
            skipSpace();
            int start = position;
            int end = tokenEnd();
            String name = text.substring(start, end);
            if (end >= text.length() || text.charAt(end) != '(' || !isIdentifier(name)) {
                throw error("expected a function call after '|'");
            }
            position = end + 1;
            Expression.Call call = (Expression.Call) call(name);
            List<Expression> arguments = new ArrayList<>();
            arguments.add(expression);
            arguments.addAll(call.arguments());
            expression = new Expression.Call(call.function(), arguments, call.keywords());
            skipSpace();
        }
        return expression;
    }

    private Expression expression() {
        skipSpace();
        if (position >= text.length()) {
            throw error("expected an expression");
        }
        char c = text.charAt(position);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        int end = tokenEnd();
        String token = text.substring(position, end);
        if (end < text.length() && text.charAt(end) == '(' && isIdentifier(token)) {
            position = end + 1;
            return call(token);
        }
        if (token.isEmpty()) {
            throw error("expected an expression");
        }
        position = end;
        if (NUMBER.matcher(token).matches()) {
            return new Expression.Numeral(
                    Double.parseDouble(token), INTEGER.matcher(token).matches());
        }
        if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return new Expression.Bool(token.equalsIgnoreCase("true"));
        }
        if (token.equalsIgnoreCase("none")) {
            return new Expression.None();
        }
        if (token.equalsIgnoreCase("inf")) {
            return new Expression.Numeral(Double.POSITIVE_INFINITY, false);
        }
        // a backslash escapes a character that would otherwise end the path, and is dropped
        return new Expression.Path(token.replaceAll("\\\\(.)", "$1"));
    }

    private Expression call(String function) {
        List<Expression> arguments = new ArrayList<>();
        Map<String, Expression> keywords = new LinkedHashMap<>();
        skipSpace();
        if (peek() == ')') {
            position++;
            return new Expression.Call(function, arguments, keywords);
        }
        while (true) {
            skipSpace();
            String keyword = keyword();
            if (keyword != null) {
                if (keywords.containsKey(keyword)) {
                    throw error("keyword argument '" + keyword + "' repeated");
                }
                keywords.put(keyword, piped());
            } else if (!keywords.isEmpty()) {
                throw error("positional argument after keyword argument");
            } else {
                arguments.add(piped());
            }
            skipSpace();
            char next = peek();
            position++;
            if (next == ')') {
                return new Expression.Call(function, arguments, keywords);
            } else if (next != ',') {
                position--;
                throw error(position >= text.length() ? "missing ')' for " + function + "(" : "expected ',' or ')'");
            }
        }
    }

    /** A {@code name=} prefix (not {@code name==}, which is part of a path or tag expression). */
    private @org.jspecify.annotations.Nullable String keyword() {
        int i = position;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        int afterName = i;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (afterName == position || i >= text.length() || text.charAt(i) != '=') {
            return null;
        }
        if (i + 1 < text.length() && (text.charAt(i + 1) == '=' || text.charAt(i + 1) == '~')) {
            return null;
        }
        String name = text.substring(position, afterName);
        if (!isIdentifier(name)) {
            return null;
        }
        position = i + 1;
        return name;
    }

    private Expression string(char quote) {
        // a backslash lets a quote through; like graphite-web the text is kept as written
        int close = position + 1;
        while (close < text.length() && text.charAt(close) != quote) {
            close += text.charAt(close) == '\\' ? 2 : 1;
        }
        if (close >= text.length()) {
            throw error("unterminated string");
        }
        String value = text.substring(position + 1, close);
        position = close + 1;
        return new Expression.Text(value);
    }

    /** The end of a path-like token: stops at space, ',', '(' or ')' outside braces. */
    private int tokenEnd() {
        int i = position;
        int braces = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces = Math.max(0, braces - 1);
            } else if (braces == 0
                    && (c == ',' || c == '(' || c == ')' || c == ' ' || c == '\'' || c == '"' || c == '|')) {
                break;
            }
            i++;
        }
        return Math.min(i, text.length());
    }

    private static boolean isIdentifier(String token) {
        if (token.isEmpty() || !(Character.isLetter(token.charAt(0)) || token.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private QueryException error(String problem) {
        return new QueryException("invalid target at position " + position + ": " + problem + " in '" + text + "'");
    }
}
