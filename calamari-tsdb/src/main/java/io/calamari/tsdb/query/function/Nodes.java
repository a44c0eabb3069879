package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picking nodes or tags out of series names, as aliasByNode, groupByNode and asPercent do: a number
 * is a dot-separated node of the path (negative from the end), anything else a tag name. Stateless.
 */
final class Nodes {
    /** The innermost path in a name like {@code scale(sumSeries(a.b.c),2)}. */
    private static final Pattern PATH_IN_NAME =
            Pattern.compile("(?:.*\\()?([-\\w*.:#\\[\\]{}?]+(?:;[-\\w*.]+=[^,)]*)*)(?:[,)]|$)");

    private Nodes() {}

    static String pathOf(String name) {
        Matcher matcher = PATH_IN_NAME.matcher(name);
        return matcher.find() ? matcher.group(1) : name;
    }

    /** One node or tag of a series, '' when it has none (graphite-web's getNodeOrTag). */
    static String nodeOrTag(TimeSeries series, Object node, String path) {
        if (node instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            List<String> nodes = List.of(path.split(";", 2)[0].split("\\.", -1));
            int index = (int) number.doubleValue();
            int resolved = index < 0 ? nodes.size() + index : index;
            if (resolved >= 0 && resolved < nodes.size()) {
                return nodes.get(resolved);
            }
        }
        String tag = node instanceof Number number ? io.calamari.tsdb.query.PythonFormat.str(number) : node.toString();
        return series.tags().getOrDefault(tag, "");
    }

    /** graphite-web's aggKey: nodes from the first path of a function-like name, joined by dots. */
    static String key(TimeSeries series, List<Object> nodes) {
        String path = series.name().endsWith(")") ? pathOf(series.name()) : series.name();
        List<String> parts = new ArrayList<>();
        for (Object node : nodes) {
            parts.add(nodeOrTag(series, node, path));
        }
        return String.join(".", parts);
    }
}
