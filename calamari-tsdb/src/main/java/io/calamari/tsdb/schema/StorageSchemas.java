package io.calamari.tsdb.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Carbon's {@code storage-schemas.conf}: sections with a {@code pattern} (a regular expression
 * searched anywhere in the name, first matching section wins) and {@code retentions}. A name no
 * section matches gets carbon's built-in default, one point a minute for a week. Immutable.
 */
public final class StorageSchemas {
    /** carbon's default when no section matches: 60 s for 7 days. */
    public static final List<Retention> CARBON_DEFAULT = List.of(new Retention(60, 10_080));

    /** One section. */
    public record Schema(String name, Pattern pattern, List<Retention> retentions) {
        public Schema {
            requireNonNull(name, "name");
            requireNonNull(pattern, "pattern");
            retentions = List.copyOf(retentions);
        }
    }

    private final List<Schema> schemas;

    public StorageSchemas(List<Schema> schemas) {
        this.schemas = List.copyOf(schemas);
    }

    /** Parses the file's text; the message names the line of the section at fault. */
    public static StorageSchemas parse(String text) {
        List<Schema> schemas = new ArrayList<>();
        for (IniSections.Section section :
                IniSections.parse(text, "storage-schemas.conf").sections()) {
            String where = "storage-schemas.conf [" + section.name() + "] (line " + section.line() + "): ";
            String pattern = section.entries().get("pattern");
            String retentions = section.entries().get("retentions");
            if (pattern == null || retentions == null) {
                throw new IllegalArgumentException(where + "needs both pattern and retentions");
            }
            try {
                schemas.add(new Schema(section.name(), Pattern.compile(pattern), Retention.parseList(retentions)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return new StorageSchemas(schemas);
    }

    /** The tiers of a series, finest first. */
    public List<Retention> retentionsFor(String name) {
        for (Schema schema : schemas) {
            if (schema.pattern().matcher(name).find()) {
                return schema.retentions();
            }
        }
        return CARBON_DEFAULT;
    }

    public List<Schema> schemas() {
        return schemas;
    }
}
