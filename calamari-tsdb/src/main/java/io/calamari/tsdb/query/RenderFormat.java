package io.calamari.tsdb.query;

import java.util.Locale;

/** The render output formats Calamari serves (graphite-web's json, raw, csv, and its own json-array). */
public enum RenderFormat {
    JSON("json", "application/json"),
    RAW("raw", "text/plain"),
    CSV("csv", "text/csv"),
    JSON_ARRAY("json-array", "application/json");

    private final String wireName;
    private final String contentType;

    RenderFormat(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    public String wireName() {
        return wireName;
    }

    public String contentType() {
        return contentType;
    }

    /** The format named by a {@code format} parameter. */
    public static RenderFormat of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (RenderFormat format : values()) {
            if (format.wireName.equals(lower)) {
                return format;
            }
        }
        throw new QueryException("unsupported format '" + name + "' (json, raw, csv or json-array)");
    }
}
