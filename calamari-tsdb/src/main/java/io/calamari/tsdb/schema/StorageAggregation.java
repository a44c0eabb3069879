package io.calamari.tsdb.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Carbon's {@code storage-aggregation.conf}: sections with a {@code pattern}, {@code xFilesFactor}
 * and {@code aggregationMethod}, first match wins; missing keys and unmatched names take whisper's
 * defaults (0.5, average). Immutable.
 */
public final class StorageAggregation {
    /** The aggregation of a series. */
    public record Rule(AggregationMethod method, double xFilesFactor) {
        public Rule {
            requireNonNull(method, "method");
            if (!(xFilesFactor >= 0 && xFilesFactor <= 1)) {
                throw new IllegalArgumentException("xFilesFactor must be between 0 and 1: " + xFilesFactor);
            }
        }
    }

    /** Whisper's default: average, xFilesFactor 0.5. */
    public static final Rule DEFAULT = new Rule(AggregationMethod.AVERAGE, 0.5);

    private record Section(Pattern pattern, Rule rule) {}

    private final List<Section> sections;

    private StorageAggregation(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** No sections: every series gets {@link #DEFAULT}. */
    public static StorageAggregation defaults() {
        return new StorageAggregation(List.of());
    }

    public static StorageAggregation parse(String text) {
        List<Section> sections = new ArrayList<>();
        for (IniSections.Section section :
                IniSections.parse(text, "storage-aggregation.conf").sections()) {
            String where = "storage-aggregation.conf [" + section.name() + "] (line " + section.line() + "): ";
            String pattern = section.entries().get("pattern");
            if (pattern == null) {
                throw new IllegalArgumentException(where + "needs a pattern");
            }
            try {
                String xff = section.entries().get("xfilesfactor");
                String method = section.entries().get("aggregationmethod");
                sections.add(new Section(
                        Pattern.compile(pattern),
                        new Rule(
                                method == null ? DEFAULT.method() : AggregationMethod.parse(method),
                                xff == null ? DEFAULT.xFilesFactor() : Double.parseDouble(xff))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return new StorageAggregation(sections);
    }

    public Rule ruleFor(String name) {
        for (Section section : sections) {
            if (section.pattern().matcher(name).find()) {
                return section.rule();
            }
        }
        return DEFAULT;
    }
}
