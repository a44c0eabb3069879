package io.calamari.tsdb.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One tier of a series: a point every {@code step} seconds, kept for {@code points} steps (whisper's
 * archive). Parsed from carbon's {@code precision:duration} syntax.
 */
public record Retention(int step, int points) {
    private static final String[] UNITS = {"seconds", "minutes", "hours", "days", "weeks", "years"};
    private static final int[] UNIT_SECONDS = {1, 60, 3_600, 86_400, 604_800, 31_536_000};

    public Retention {
        if (step <= 0 || points <= 0) {
            throw new IllegalArgumentException("a retention needs a positive step and point count");
        }
    }

    /** Seconds of history the tier keeps. */
    public long duration() {
        return (long) step * points;
    }

    /**
     * Parses carbon's {@code 10s:1d,1m:30d} (or point counts, {@code 60:1440}) and checks the list as
     * whisper does: steps increase, each divides the next, each tier covers more time than the one
     * before and holds at least one of the next tier's steps.
     */
    public static List<Retention> parseList(String text) {
        List<Retention> tiers = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                tiers.add(parse(part.trim()));
            }
        }
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("no retention in '" + text + "'");
        }
        tiers.sort((a, b) -> Integer.compare(a.step, b.step));
        for (int i = 1; i < tiers.size(); i++) {
            Retention finer = tiers.get(i - 1);
            Retention coarser = tiers.get(i);
            if (finer.step == coarser.step) {
                throw new IllegalArgumentException(
                        "two tiers with the same step " + finer.step + "s in '" + text + "'");
            }
            if (coarser.step % finer.step != 0) {
                throw new IllegalArgumentException(
                        "step " + coarser.step + "s is not a multiple of " + finer.step + "s in '" + text + "'");
            }
            if (coarser.duration() <= finer.duration()) {
                throw new IllegalArgumentException("tier " + coarser.step + "s must keep more history than tier "
                        + finer.step + "s in '" + text + "'");
            }
            if (finer.points < coarser.step / finer.step) {
                throw new IllegalArgumentException("tier " + finer.step + "s must hold at least one step of tier "
                        + coarser.step + "s in '" + text + "'");
            }
        }
        return List.copyOf(tiers);
    }

    /** Parses one {@code precision:duration}. */
    public static Retention parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("retention '" + text + "' is not precision:duration");
        }
        long step = seconds(text.substring(0, colon).trim(), text);
        String durationText = text.substring(colon + 1).trim();
        long points = isDigits(durationText) ? Long.parseLong(durationText) : seconds(durationText, text) / step;
        if (step > Integer.MAX_VALUE || points <= 0 || points > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("retention '" + text + "' is out of range");
        }
        return new Retention((int) step, (int) points);
    }

    private static long seconds(String value, String whole) {
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 12) {
            throw new IllegalArgumentException(
                    "'" + value + "' in retention '" + whole + "' is not a number with a unit");
        }
        long number = Long.parseLong(value.substring(0, unitStart));
        String unit = value.substring(unitStart).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return number;
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].startsWith(unit)) {
                return number * UNIT_SECONDS[i];
            }
        }
        throw new IllegalArgumentException("unknown unit '" + unit + "' in retention '" + whole + "'");
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return step + "s:" + points;
    }
}
