package io.calamari.tsdb.query.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.expression.Expression.Bool;
import io.calamari.tsdb.query.expression.Expression.Call;
import io.calamari.tsdb.query.expression.Expression.None;
import io.calamari.tsdb.query.expression.Expression.Numeral;
import io.calamari.tsdb.query.expression.Expression.Path;
import io.calamari.tsdb.query.expression.Expression.Text;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {
    @Test
    void pathsKeepTheirGlobs() {
        assertThat(ExpressionParser.parse("a.*.b")).isEqualTo(new Path("a.*.b"));
        assertThat(ExpressionParser.parse("a.{x,y}.c")).isEqualTo(new Path("a.{x,y}.c"));
        assertThat(ExpressionParser.parse("a.[0-9]")).isEqualTo(new Path("a.[0-9]"));
        assertThat(ExpressionParser.parse(" disk.used;rack=a1 ")).isEqualTo(new Path("disk.used;rack=a1"));
        assertThat(ExpressionParser.parse("a.b\\(1\\)")).isEqualTo(new Path("a.b(1)"));
    }

    @Test
    void nestedCallsWithEveryKindOfArgument() {
        Expression parsed = ExpressionParser.parse(
                "f(g(a.{x,y}.c), 'single', \"double\", 10, -1.5, 1e2, true, False, None, inf, key=2)");
        assertThat(parsed)
                .isEqualTo(new Call(
                        "f",
                        List.of(
                                new Call("g", List.of(new Path("a.{x,y}.c")), Map.of()),
                                new Text("single"),
                                new Text("double"),
                                new Numeral(10, true),
                                new Numeral(-1.5, false),
                                new Numeral(100, false),
                                new Bool(true),
                                new Bool(false),
                                new None(),
                                new Numeral(Double.POSITIVE_INFINITY, false)),
                        Map.of("key", new Numeral(2, true))));
    }

    @Test
    void stringsAreKeptAsWrittenIncludingEscapedQuotes() {
        assertThat(ExpressionParser.parse("aliasSub(a.b, '(^.*$)', '\\1 A')"))
                .isEqualTo(new Call(
                        "aliasSub", List.of(new Path("a.b"), new Text("(^.*$)"), new Text("\\1 A")), Map.of()));
        assertThat(ExpressionParser.parse("alias(a, 'it\\'s')"))
                .isEqualTo(new Call("alias", List.of(new Path("a"), new Text("it\\'s")), Map.of()));
    }

    @Test
    void seriesByTagExpressionsAreNotKeywords() {
        assertThat(ExpressionParser.parse("seriesByTag('name=disk.used', 'rack=~a.*')"))
                .isEqualTo(
                        new Call("seriesByTag", List.of(new Text("name=disk.used"), new Text("rack=~a.*")), Map.of()));
    }

    @Test
    void pipesPassTheLeftSideAsFirstArgument() {
        assertThat(ExpressionParser.parse("a.b | scale(2) | alias('x')"))
                .isEqualTo(new Call(
                        "alias",
                        List.of(
                                new Call("scale", List.of(new Path("a.b"), new Numeral(2, true)), Map.of()),
                                new Text("x")),
                        Map.of()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "sumSeries(a.b#position 13: missing ')' for sumSeries(",
                "sumSeries(a.b))#position 14: unexpected ')'",
                "alias(a.b,'unterminated)#position 10: unterminated string",
                "f(a,,b)#position 4: expected an expression",
                "f(key=1, b)#position 9: positional argument after keyword argument",
                "f(key=1, key=2)#position 13: keyword argument 'key' repeated",
                "a.b | c.d#position 6: expected a function call after '|'",
            })
    void malformedTargetsNameThePosition(String target, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(target))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining(message)
                .hasMessageContaining(target);
    }

    @Test
    void emptyTargetIsAnError() {
        assertThatThrownBy(() -> ExpressionParser.parse("  ")).isInstanceOf(QueryException.class);
    }
}
