package io.calamari.tsdb.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A fake {@link SeriesSource} serving the golden dataset: the slots of every whisper archive as
 * whisper stored them, read back with whisper's fetch rules (clamping to the retention, the finest
 * archive covering {@code now - from}, {@code from} exclusive, {@code until} inclusive).
 */
final class WhisperDatasetSource implements SeriesSource {
    private record Archive(long step, long points, Map<Long, Double> slots) {}

    private final Map<String, List<Archive>> series = new TreeMap<>();
    private final long now;

    private WhisperDatasetSource(JsonNode dataset) {
        now = dataset.get("now").asLong();
        for (JsonNode entry : dataset.get("series")) {
            List<Archive> archives = new ArrayList<>();
            for (JsonNode archive : entry.get("archives")) {
                Map<Long, Double> slots = new HashMap<>();
                for (JsonNode slot : archive.get("slots")) {
                    slots.put(slot.get(0).asLong(), slot.get(1).asDouble());
                }
                archives.add(new Archive(
                        archive.get("step").asLong(), archive.get("points").asLong(), slots));
            }
            series.put(entry.get("name").asString(), archives);
        }
    }

    static WhisperDatasetSource load() {
        try (InputStream in = WhisperDatasetSource.class.getResourceAsStream("/graphite-golden/dataset.json")) {
            return new WhisperDatasetSource(GraphiteGoldenTest.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long now() {
        return now;
    }

    /** The stored slots (time to value) of one archive of a series, finest first. */
    Map<Long, Double> slots(String name, int archive) {
        return series.get(name).get(archive).slots();
    }

    @Override
    public List<String> expand(String pattern) {
        if (pattern.indexOf(';') >= 0) {
            return series.containsKey(pattern) ? List.of(pattern) : List.of();
        }
        List<Pattern> nodes = new ArrayList<>();
        for (String node : GlobNodes.split(pattern)) {
            nodes.add(Pattern.compile(GlobNodes.toRegex(node)));
        }
        List<String> matches = new ArrayList<>();
        for (String name : series.keySet()) {
            if (name.indexOf(';') >= 0) {
                continue;
            }
            String[] parts = name.split("\\.");
            if (parts.length != nodes.size()) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < parts.length && all; i++) {
                all = nodes.get(i).matcher(parts[i]).matches();
            }
            if (all) {
                matches.add(name);
            }
        }
        return matches;
    }

    @Override
    public List<String> findTagged(List<String> expressions) {
        List<String> matches = new ArrayList<>();
        for (String name : series.keySet()) {
            if (name.indexOf(';') < 0) {
                continue;
            }
            Map<String, String> tags = TimeSeries.tagsOf(name);
            boolean all = true;
            for (String expression : expressions) {
                all &= matches(expression, tags);
            }
            if (all) {
                matches.add(name);
            }
        }
        return matches;
    }

    private static boolean matches(String expression, Map<String, String> tags) {
        String[] operators = {"!=~", "=~", "!=", "="};
        for (String operator : operators) {
            int at = expression.indexOf(operator);
            if (at > 0) {
                String value = tags.getOrDefault(expression.substring(0, at), "");
                String wanted = expression.substring(at + operator.length());
                return switch (operator) {
                    case "!=~" -> !Pattern.compile(wanted).matcher(value).lookingAt();
                    case "=~" -> Pattern.compile(wanted).matcher(value).lookingAt();
                    case "!=" -> !value.equals(wanted);
                    default -> value.equals(wanted);
                };
            }
        }
        throw new IllegalArgumentException(expression);
    }

    @Override
    public Optional<FetchedSeries> fetch(String path, long from, long until, long fetchNow) {
        List<Archive> archives = series.get(path);
        if (archives == null || from > until) {
            return Optional.empty();
        }
        Archive last = archives.get(archives.size() - 1);
        long oldest = fetchNow - last.step() * last.points();
        if (from > fetchNow || until < oldest) {
            return Optional.empty();
        }
        long clampedFrom = Math.max(from, oldest);
        long clampedUntil = Math.min(until, fetchNow);
        Archive chosen = last;
        for (Archive archive : archives) {
            if (archive.step() * archive.points() >= fetchNow - clampedFrom) {
                chosen = archive;
                break;
            }
        }
        long step = chosen.step();
        long fromInterval = clampedFrom - Math.floorMod(clampedFrom, step) + step;
        long untilInterval = clampedUntil - Math.floorMod(clampedUntil, step) + step;
        if (fromInterval == untilInterval) {
            untilInterval += step;
        }
        double[] values = new double[(int) ((untilInterval - fromInterval) / step)];
        for (int i = 0; i < values.length; i++) {
            Double value = chosen.slots().get(fromInterval + i * step);
            values[i] = value == null ? Double.NaN : value;
        }
        return Optional.of(new FetchedSeries(fromInterval, step, values));
    }
}
