package io.calamari.tsdb.index;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code seriesByTag} expression: {@code tag=value}, {@code tag!=value}, {@code tag=~regex} or
 * {@code tag!=~regex}. A series without the tag has the value "" for it; regular expressions are
 * anchored at the start, as Python's {@code re.match}. Immutable.
 */
public record TagExpression(String tag, Operator operator, String value, Pattern pattern) {
    /** The four operators. */
    public enum Operator {
        EQUAL,
        NOT_EQUAL,
        MATCH,
        NOT_MATCH
    }

    public static TagExpression parse(String expression) {
        int equals = expression.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("tag expression '" + expression + "' is not tag=value");
        }
        boolean negated = expression.charAt(equals - 1) == '!';
        String tag = expression.substring(0, negated ? equals - 1 : equals).trim();
        String rest = expression.substring(equals + 1);
        boolean regex = rest.startsWith("~");
        String value = regex ? rest.substring(1) : rest;
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("tag expression '" + expression + "' has no tag");
        }
        Operator operator = regex
                ? (negated ? Operator.NOT_MATCH : Operator.MATCH)
                : (negated ? Operator.NOT_EQUAL : Operator.EQUAL);
        try {
            return new TagExpression(tag, operator, value, Pattern.compile(regex ? value : Pattern.quote(value)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("tag expression '" + expression + "': " + e.getDescription(), e);
        }
    }

    public boolean matches(String actual) {
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCH -> pattern.matcher(actual).lookingAt();
            case NOT_MATCH -> !pattern.matcher(actual).lookingAt();
        };
    }

    /** Whether a series lacking the tag would match: such expressions cannot select series alone. */
    public boolean matchesEmpty() {
        return matches("");
    }
}
