package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.optional;
import static io.calamari.tsdb.query.function.Parameter.required;
import static io.calamari.tsdb.query.function.ParameterType.BOOLEAN;
import static io.calamari.tsdb.query.function.ParameterType.FLOAT;
import static io.calamari.tsdb.query.function.ParameterType.INTEGER;
import static io.calamari.tsdb.query.function.ParameterType.SERIES_LIST;
import static io.calamari.tsdb.query.function.ParameterType.STRING;

import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

/** The "Filter Series" and "Sorting" groups: keep or order series by a statistic or name. Stateless. */
final class FilterFunctions {
    private FilterFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> list = new ArrayList<>();
        rank(list, "highestCurrent", "last", true);
        rank(list, "highestAverage", "average", true);
        rank(list, "highestMax", "max", true);
        rank(list, "lowestCurrent", "last", false);
        rank(list, "lowestAverage", "average", false);
        threshold(list, "currentAbove", "last", true);
        threshold(list, "currentBelow", "last", false);
        threshold(list, "averageAbove", "average", true);
        threshold(list, "averageBelow", "average", false);
        list.add(define("limit", "The first n series.", List.of(required("n", INTEGER)), a -> {
            List<TimeSeries> series = a.series("seriesList");
            return series.subList(0, (int) Math.max(0, Math.min(series.size(), a.number("n"))));
        }));
        list.add(define(
                "exclude",
                "The series whose name does not match a regular expression.",
                List.of(required("pattern", STRING)),
                a -> matching(a, false)));
        list.add(define(
                "grep",
                "The series whose name matches a regular expression.",
                List.of(required("pattern", STRING)),
                a -> matching(a, true)));
        list.add(define(
                "removeEmptySeries",
                "The series with at least xFilesFactor known points.",
                List.of(optional("xFilesFactor", FLOAT, null)),
                a -> {
                    Double given = a.optionalNumber("xFilesFactor");
                    double xff = given != null ? given : a.context().xFilesFactor();
                    List<TimeSeries> kept = new ArrayList<>();
                    for (TimeSeries s : a.series("seriesList")) {
                        double[] values = s.readValues();
                        long known = java.util.Arrays.stream(values)
                                .filter(v -> !Double.isNaN(v))
                                .count();
                        if (known > 0 && values.length > 0 && (double) known / values.length >= xff) {
                            kept.add(s);
                        }
                    }
                    return kept;
                }));
        list.add(new FunctionDefinition(
                "sortByName",
                "Sorting",
                "Sorts the series by name.",
                List.of(
                        required("seriesList", SERIES_LIST),
                        optional("natural", BOOLEAN, false),
                        optional("reverse", BOOLEAN, false)),
                a -> {
                    Comparator<TimeSeries> order = a.bool("natural")
                            ? Comparator.comparing(s -> naturalKey(s.name()))
                            : Comparator.comparing(TimeSeries::name);
                    List<TimeSeries> sorted = new ArrayList<>(a.series("seriesList"));
                    sorted.sort(a.bool("reverse") ? order.reversed() : order);
                    return sorted;
                }));
        return list;
    }

    private static FunctionDefinition define(
            String name, String description, List<Parameter> extra, RenderFunction body) {
        return FunctionDefinition.onSeriesList("Filter Series", name, description, extra, body);
    }

    private static void rank(List<FunctionDefinition> list, String name, String statistic, boolean highest) {
        list.add(define(
                name,
                "The n series with the " + (highest ? "highest " : "lowest ") + statistic + " value.",
                List.of(required("n", INTEGER)),
                a -> {
                    List<TimeSeries> sorted = new ArrayList<>(a.series("seriesList"));
                    // None sorts lowest, as graphite-web's key function makes it -inf; the sort is stable
                    Comparator<TimeSeries> order = Comparator.comparingDouble(s -> {
                        double value = Aggregators.apply(statistic, s.readValues());
                        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
                    });
                    sorted.sort(highest ? order.reversed() : order);
                    return sorted.subList(0, (int) Math.max(0, Math.min(sorted.size(), a.number("n"))));
                }));
    }

    private static void threshold(List<FunctionDefinition> list, String name, String statistic, boolean above) {
        list.add(define(
                name,
                "The series whose " + statistic + " value is " + (above ? "above" : "at most") + " n.",
                List.of(required("n", FLOAT)),
                a -> {
                    double n = a.number("n");
                    DoublePredicate keep = above ? value -> value > n : value -> value <= n;
                    List<TimeSeries> kept = new ArrayList<>();
                    for (TimeSeries s : a.series("seriesList")) {
                        double value = Aggregators.apply(statistic, s.readValues());
                        // graphite-web's '>' drops a None statistic, its '<=' keeps it
                        if (Double.isNaN(value) ? !above : keep.test(value)) {
                            kept.add(s);
                        }
                    }
                    return kept;
                }));
    }

    private static List<TimeSeries> matching(Arguments a, boolean keepMatches) {
        Pattern pattern = Regex.compile(a.text("pattern"));
        List<TimeSeries> kept = new ArrayList<>();
        for (TimeSeries s : a.series("seriesList")) {
            if (pattern.matcher(s.name()).find() == keepMatches) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** A sort key comparing digit runs as numbers ("node2" before "node10"). */
    private static String naturalKey(String name) {
        StringBuilder key = new StringBuilder();
        java.util.regex.Matcher matcher = Pattern.compile("(\\d+)|(\\D+)").matcher(name);
        while (matcher.find()) {
            key.append(
                    matcher.group(1) != null
                            ? String.format("%020d", Long.parseLong(matcher.group(1)))
                            : matcher.group(2));
        }
        return key.toString();
    }
}
