package io.calamari.server.crush;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits to a CRUSH map in Ceph's text form ({@code crushtool -d}), for the changes no monitor
 * command expresses: adding or replacing a rule with arbitrary steps and changing a bucket's type.
 *
 * <p>{@code crushtool -d} prints item weights with three decimals, so compiling its text again
 * would round every weight (to zero for an OSD under about 0.5 GiB, weight 0.0005). Before
 * editing, {@link #withExactWeights} writes each item's exact weight from {@code osd crush dump}
 * (16.16 fixed point, so a finite decimal) back into the text: the edited map keeps every weight
 * bit for bit. Stateless.
 */
final class CrushText {
    private static final Pattern BUCKET_HEADER = Pattern.compile("^([A-Za-z0-9_.\\-]+)\\s+([A-Za-z0-9_.\\-]+)\\s*\\{");
    private static final Pattern ITEM = Pattern.compile("^(\\s*item\\s+(\\S+)\\s+weight\\s+)(-?[0-9.]+)(.*)$");
    private static final BigDecimal FIXED_POINT_ONE = BigDecimal.valueOf(0x10000);
    private static final String END = "# end crush map";

    private CrushText() {}

    /** The text with each bucket item's weight replaced by its exact value in {@code crush}. */
    static String withExactWeights(String text, CrushMap crush) {
        Map<String, Integer> ids = new HashMap<>();
        crush.devices().forEach(device -> ids.put(device.name(), device.id()));
        crush.buckets().forEach(bucket -> ids.put(bucket.name(), bucket.id()));
        StringBuilder result = new StringBuilder(text.length() + 256);
        Optional<CrushBucket> bucket = Optional.empty();
        for (String line : text.split("\n", -1)) {
            Matcher header = BUCKET_HEADER.matcher(line);
            if (header.find() && !header.group(1).equals("rule")) {
                bucket = crush.bucket(header.group(2));
            } else if (line.startsWith("}")) {
                bucket = Optional.empty();
            }
            Matcher item = ITEM.matcher(line);
            Optional<Double> weight = Optional.empty();
            if (bucket.isPresent() && item.matches()) {
                CrushBucket current = bucket.get();
                weight = Optional.ofNullable(ids.get(item.group(2)))
                        .flatMap(id -> item(current, id))
                        .map(CrushItem::weight);
            }
            if (weight.isPresent()) {
                result.append(item.group(1)).append(exact(weight.get())).append(item.group(4));
            } else {
                result.append(line);
            }
            result.append('\n');
        }
        result.setLength(result.length() - 1);
        return result.toString();
    }

    /** A weight of 16.16 fixed point (a float from {@code osd crush dump}) as its exact decimal. */
    static String exact(double weight) {
        BigDecimal raw = BigDecimal.valueOf(Math.round(weight * 0x10000));
        return raw.divide(FIXED_POINT_ONE).toPlainString();
    }

    /**
     * The text with the rule {@code replaced} (by name) swapped for {@code block}, or with {@code
     * block} added after the last rule when nothing is replaced.
     *
     * @throws IllegalArgumentException if the rule to replace is not in the text
     */
    static String putRule(String text, Optional<String> replaced, String block) {
        if (replaced.isPresent()) {
            int[] span = ruleSpan(text, replaced.get())
                    .orElseThrow(() -> new IllegalArgumentException("no rule " + replaced.get() + " in the map"));
            return text.substring(0, span[0]) + block + text.substring(span[1]);
        }
        int end = text.lastIndexOf(END);
        if (end < 0) {
            return text + (text.endsWith("\n") ? "" : "\n") + block;
        }
        return text.substring(0, end) + block + "\n" + text.substring(end);
    }

    /**
     * The text with the bucket {@code name} declared as of type {@code type}.
     *
     * @throws IllegalArgumentException if the bucket is not in the text
     */
    static String retypeBucket(String text, String name, String type) {
        Pattern header = Pattern.compile("(?m)^[A-Za-z0-9_.\\-]+(\\s+" + Pattern.quote(name) + "\\s*\\{)");
        Matcher matcher = header.matcher(text);
        while (matcher.find()) {
            if (!matcher.group().startsWith("rule ")) {
                return text.substring(0, matcher.start()) + type + text.substring(matcher.start(1));
            }
        }
        throw new IllegalArgumentException("no bucket " + name + " in the map");
    }

    /** Where the rule's block starts and where the line after its closing brace starts. */
    private static Optional<int[]> ruleSpan(String text, String name) {
        Matcher matcher = Pattern.compile("(?m)^rule\\s+" + Pattern.quote(name) + "\\s*\\{")
                .matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        Matcher close = Pattern.compile("(?m)^}[^\\n]*(\\n|$)").matcher(text);
        if (!close.find(matcher.end())) {
            return Optional.empty();
        }
        return Optional.of(new int[] {matcher.start(), close.end()});
    }

    private static Optional<CrushItem> item(CrushBucket bucket, int id) {
        return bucket.items().stream().filter(item -> item.id() == id).findFirst();
    }
}
