package io.calamari.tsdb.query.expression;

import java.util.List;
import java.util.Map;

/** A parsed render target or argument: graphite-web's grammar as a closed set of nodes. Immutable. */
public sealed interface Expression {
    /** A series path, possibly with globs ({@code a.*.b}, {@code a.{x,y}}, {@code a.[0-9]}). */
    record Path(String path) implements Expression {}

    /** A function call with positional and keyword arguments (keywords in written order). */
    record Call(String function, List<Expression> arguments, Map<String, Expression> keywords) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
            keywords = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keywords));
        }
    }

    /** A quoted string, unquoted (graphite-web does not process escapes). */
    record Text(String value) implements Expression {}

    /** A number; {@code integer} when written without a fraction or exponent, as Python would type it. */
    record Numeral(double value, boolean integer) implements Expression {}

    /** {@code true}/{@code false}, any case as graphite-web allows. */
    record Bool(boolean value) implements Expression {}

    /** Python's {@code None}. */
    record None() implements Expression {}
}
