package io.calamari.tsdb.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The INI subset carbon's files use: {@code [section]}, {@code key = value}, {@code #}/{@code ;} comments. */
record IniSections(List<Section> sections) {
    record Section(String name, Map<String, String> entries, int line) {}

    static IniSections parse(String text, String fileName) {
        List<Section> sections = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Map<String, String> entries = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                entries = new LinkedHashMap<>();
                sections.add(new Section(line.substring(1, line.length() - 1).trim(), entries, i + 1));
                continue;
            }
            int equals = line.indexOf('=');
            if (entries == null || equals <= 0) {
                throw new IllegalArgumentException(
                        fileName + " line " + (i + 1) + ": expected [section] or key = value");
            }
            entries.put(
                    line.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                    line.substring(equals + 1).trim());
        }
        return new IniSections(List.copyOf(sections));
    }
}
