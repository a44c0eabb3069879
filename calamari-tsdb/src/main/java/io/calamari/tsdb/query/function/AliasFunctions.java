package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.multiple;
import static io.calamari.tsdb.query.function.Parameter.required;
import static io.calamari.tsdb.query.function.ParameterType.NODE_OR_TAG;
import static io.calamari.tsdb.query.function.ParameterType.STRING;

import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The "Alias" group: rename series, keeping their tags. Stateless. */
final class AliasFunctions {
    private AliasFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> list = new ArrayList<>();
        list.add(define(
                "alias",
                "Renames every series.",
                List.of(required("newName", STRING)),
                a -> rename(a, s -> a.text("newName"))));
        list.add(define(
                "aliasByNode",
                "Renames each series to some of its nodes (or tags), dot-joined.",
                List.of(multiple("nodes", NODE_OR_TAG, true)),
                a -> rename(a, s -> byNodes(s, a.multiple("nodes")))));
        list.add(define(
                "aliasByTags",
                "Renames each series to some of its tags (or nodes), dot-joined.",
                List.of(multiple("tags", NODE_OR_TAG, true)),
                a -> rename(a, s -> byNodes(s, a.multiple("tags")))));
        list.add(define(
                "aliasByMetric",
                "Renames each series to the last node of its path.",
                List.of(),
                a -> rename(a, s -> {
                    String path = Nodes.pathOf(s.name()).split(";", 2)[0];
                    return path.substring(path.lastIndexOf('.') + 1);
                })));
        list.add(define(
                "aliasSub",
                "Renames with a regular expression substitution (Python's re.sub, \\1 refers to a group).",
                List.of(required("search", STRING), required("replace", STRING)),
                a -> {
                    Pattern pattern = Regex.compile(a.text("search"));
                    String replacement = a.text("replace");
                    return rename(a, s -> Regex.substitute(pattern, replacement, s.name()));
                }));
        return list;
    }

    private static FunctionDefinition define(
            String name, String description, List<Parameter> extra, RenderFunction body) {
        return FunctionDefinition.onSeriesList("Alias", name, description, extra, body);
    }

    private static String byNodes(TimeSeries series, List<Object> nodes) {
        String path = Nodes.pathOf(series.name());
        List<String> parts = new ArrayList<>();
        for (Object node : nodes) {
            parts.add(Nodes.nodeOrTag(series, node, path));
        }
        return String.join(".", parts);
    }

    private static List<TimeSeries> rename(Arguments a, Function<TimeSeries, String> naming) {
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : a.series("seriesList")) {
            out.add(s.withName(naming.apply(s)));
        }
        return out;
    }
}
