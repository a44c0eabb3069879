package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.multiple;
import static io.calamari.tsdb.query.function.Parameter.optional;
import static io.calamari.tsdb.query.function.Parameter.required;
import static io.calamari.tsdb.query.function.ParameterType.AGGREGATION_OR_SERIES_FUNCTION;
import static io.calamari.tsdb.query.function.ParameterType.FLOAT;
import static io.calamari.tsdb.query.function.ParameterType.NODE_OR_TAG;
import static io.calamari.tsdb.query.function.ParameterType.SERIES_LIST;
import static io.calamari.tsdb.query.function.ParameterType.STRING;
import static io.calamari.tsdb.query.function.ParameterType.TAG;

import io.calamari.tsdb.query.PythonFormat;
import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "Combine" grouping functions (group, groupByNode(s), groupByTags), seriesByTag and the
 * "Special" constant lines. Groups keep the order in which their keys first appear. Stateless.
 */
final class GroupFunctions {
    private static final List<String> CALLBACKS = callbacks();

    private GroupFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> list = new ArrayList<>();
        list.add(new FunctionDefinition(
                "group",
                "Combine",
                "Puts several series lists together.",
                List.of(multiple("seriesLists", SERIES_LIST, false)),
                a -> a.allSeries("seriesLists")));
        list.add(new FunctionDefinition(
                "groupByNode",
                "Combine",
                "Aggregates the series grouped by one node.",
                List.of(
                        required("seriesList", SERIES_LIST),
                        required("nodeNum", NODE_OR_TAG),
                        optional("callback", AGGREGATION_OR_SERIES_FUNCTION, "average")
                                .withOptions(CALLBACKS)),
                a -> grouped(a, a.text("callback"), List.of(a.value("nodeNum") == null ? 0L : a.value("nodeNum")))));
        list.add(new FunctionDefinition(
                "groupByNodes",
                "Combine",
                "Aggregates the series grouped by several nodes.",
                List.of(
                        required("seriesList", SERIES_LIST),
                        required("callback", AGGREGATION_OR_SERIES_FUNCTION).withOptions(CALLBACKS),
                        multiple("nodes", NODE_OR_TAG, false)),
                a -> grouped(a, a.text("callback"), a.multiple("nodes"))));
        list.add(new FunctionDefinition(
                "groupByTags",
                "Combine",
                "Aggregates the series grouped by tag values.",
                List.of(
                        required("seriesList", SERIES_LIST),
                        required("callback", AGGREGATION_OR_SERIES_FUNCTION).withOptions(CALLBACKS),
                        multiple("tags", TAG, true)),
                GroupFunctions::byTags));
        list.add(new FunctionDefinition(
                "seriesByTag",
                "Special",
                "The tagged series matching every expression (tag=value, tag!=value, tag=~regex, tag!=~regex).",
                List.of(multiple("tagExpressions", STRING, true)),
                a -> List.of()));
        list.add(new FunctionDefinition(
                "constantLine",
                "Special",
                "A horizontal line at a value.",
                List.of(required("value", FLOAT)),
                a -> List.of(constant(a, a.number("value")))));
        list.add(new FunctionDefinition(
                "threshold",
                "Graph",
                "A horizontal line at a value, with a label.",
                List.of(required("value", FLOAT), optional("label", STRING, null), optional("color", STRING, null)),
                a -> {
                    TimeSeries line = constant(a, a.number("value"));
                    return List.of(a.isPresent("label") ? line.withName(a.text("label")) : line);
                }));
        return list;
    }

    /**
     * The aggregation names plus the aggregating functions graphite-web also accepts as callbacks
     * (its own list also holds ones Calamari does not implement, such as powSeries).
     */
    private static List<String> callbacks() {
        List<String> names = new ArrayList<>(Aggregators.NAMES);
        names.addAll(List.of(
                "averageSeries",
                "countSeries",
                "diffSeries",
                "maxSeries",
                "minSeries",
                "multiplySeries",
                "rangeOfSeries",
                "stddevSeries",
                "sumSeries"));
        return names;
    }

    /** graphite-web draws a constant as three points: from, the middle and until. */
    private static TimeSeries constant(Arguments a, double value) {
        long from = a.context().from();
        long until = a.context().until();
        long step = Math.max(1, (until - from) / 2);
        String name = PythonFormat.repr(value);
        return TimeSeries.of(
                name,
                from,
                until,
                step,
                new double[] {value, value, value},
                a.context().xFilesFactor());
    }

    private static List<TimeSeries> grouped(Arguments a, String callback, List<Object> nodes) {
        Map<String, List<TimeSeries>> groups = new LinkedHashMap<>();
        for (TimeSeries s : a.series("seriesList")) {
            groups.computeIfAbsent(Nodes.key(s, nodes), key -> new ArrayList<>())
                    .add(s);
        }
        List<TimeSeries> out = new ArrayList<>();
        for (Map.Entry<String, List<TimeSeries>> group : groups.entrySet()) {
            for (TimeSeries aggregated : CombineFunctions.aggregate(
                    group.getValue(), callback, null, a.context().xFilesFactor())) {
                out.add(aggregated.withName(group.getKey()));
            }
        }
        return out;
    }

    private static List<TimeSeries> byTags(Arguments a) {
        List<String> tags = new ArrayList<>();
        for (Object tag : a.multiple("tags")) {
            tags.add(tag.toString());
        }
        Map<String, List<TimeSeries>> groups = new LinkedHashMap<>();
        for (TimeSeries s : a.series("seriesList")) {
            Map<String, String> keyTags = new TreeMap<>();
            for (String tag : tags) {
                keyTags.put(tag, s.tags().getOrDefault(tag, ""));
            }
            StringBuilder key = new StringBuilder(
                    keyTags.containsKey("name")
                            ? keyTags.remove("name")
                            : s.tags().getOrDefault("name", ""));
            keyTags.forEach(
                    (tag, value) -> key.append(';').append(tag).append('=').append(value));
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(s);
        }
        List<TimeSeries> out = new ArrayList<>();
        for (Map.Entry<String, List<TimeSeries>> group : groups.entrySet()) {
            for (TimeSeries aggregated : CombineFunctions.aggregate(
                    group.getValue(), a.text("callback"), null, a.context().xFilesFactor())) {
                out.add(aggregated.withNameAndTags(group.getKey(), TimeSeries.tagsOf(group.getKey())));
            }
        }
        return out;
    }
}
