package io.calamari.tsdb.query;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Graphite's at(1)-style times ({@code parseATTime}) and offsets ({@code parseTimeOffset}): {@code
 * -1d}, {@code -5min}, {@code now}, epoch seconds, {@code YYYYMMDD}, {@code HH:MM_YYYYMMDD}, {@code
 * noon+yesterday}, {@code MM/DD/YY}, month and weekday names. A bare {@code m} unit is invalid, as in
 * graphite-web. Offsets are exact seconds (a month is 30 days, a year 365). Stateless.
 */
public final class AtTime {
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private AtTime() {}

    /** The epoch second a time expression names, relative to {@code now} in {@code zone}. */
    public static long parse(String text, ZoneId zone, long now) {
        String s = text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("_", "")
                .replace(",", "")
                .replace(" ", "");
        if (s.isEmpty()) {
            return now;
        }
        if (isDigits(s) && !looksLikeDate(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException tooLong) {
                throw new QueryException("Invalid time '" + text + "'");
            }
        }
        String reference = s;
        String offset = "";
        int plus = s.indexOf('+');
        int minus = s.indexOf('-');
        if (plus >= 0) {
            reference = s.substring(0, plus);
            offset = s.substring(plus);
        } else if (minus >= 0) {
            reference = s.substring(0, minus);
            offset = s.substring(minus);
        }
        try {
            return reference(reference, text, zone, now) + parseOffset(offset);
        } catch (DateTimeException | NumberFormatException invalid) {
            throw new QueryException("Invalid time '" + text + "': " + invalid.getMessage());
        }
    }

    /**
     * Seconds in an offset such as {@code -1h}, {@code 5min}, {@code +1d2h} (an unsigned offset is
     * positive).
     */
    public static long parseOffset(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        String offset = text;
        int sign = 1;
        if (!Character.isDigit(offset.charAt(0))) {
            if (offset.charAt(0) != '+' && offset.charAt(0) != '-') {
                throw new QueryException("Invalid offset: " + text);
            }
            sign = offset.charAt(0) == '-' ? -1 : 1;
            offset = offset.substring(1);
        }
        long total = 0;
        int i = 0;
        while (i < offset.length()) {
            int numberStart = i;
            while (i < offset.length() && Character.isDigit(offset.charAt(i))) {
                i++;
            }
            if (i == numberStart) {
                throw new QueryException("Invalid offset: " + text);
            }
            long number = Long.parseLong(offset.substring(numberStart, i));
            int unitStart = i;
            while (i < offset.length() && Character.isLetter(offset.charAt(i))) {
                i++;
            }
            total += sign * number * unitSeconds(offset.substring(unitStart, i));
        }
        return total;
    }

    private static long unitSeconds(String unit) {
        // the order matters: graphite-web matches these prefixes in this order
        if (unit.startsWith("s")) {
            return 1;
        } else if (unit.startsWith("min")) {
            return 60;
        } else if (unit.startsWith("h")) {
            return 3600;
        } else if (unit.startsWith("d")) {
            return 86_400;
        } else if (unit.startsWith("w")) {
            return 7 * 86_400;
        } else if (unit.startsWith("mon")) {
            return 30 * 86_400;
        } else if (unit.startsWith("y")) {
            return 365 * 86_400;
        }
        throw new QueryException("Invalid offset unit '" + unit + "'");
    }

    private static long reference(String text, String original, ZoneId zone, long now) {
        ZonedDateTime current = Instant.ofEpochSecond(now).atZone(zone);
        if (text.isEmpty() || text.equals("now")) {
            return now;
        }
        String ref = text;
        int hour = 0;
        int minute = 0;
        int colon = ref.indexOf(':');
        if (colon > 0 && colon < 3) {
            hour = Integer.parseInt(ref.substring(0, colon));
            minute = Integer.parseInt(ref.substring(colon + 1, Math.min(ref.length(), colon + 3)));
            ref = ref.substring(Math.min(ref.length(), colon + 3));
            if (ref.startsWith("am")) {
                ref = ref.substring(2);
            } else if (ref.startsWith("pm")) {
                hour = (hour + 12) % 24;
                ref = ref.substring(2);
            }
        }
        int am = ref.indexOf("am");
        if (am > 0 && am < 3) {
            hour = Integer.parseInt(ref.substring(0, am));
            ref = ref.substring(am + 2);
        }
        int pm = ref.indexOf("pm");
        if (pm > 0 && pm < 3) {
            hour = (Integer.parseInt(ref.substring(0, pm)) + 12) % 24;
            ref = ref.substring(pm + 2);
        }
        if (ref.startsWith("noon")) {
            hour = 12;
            minute = 0;
            ref = ref.substring(4);
        } else if (ref.startsWith("midnight")) {
            hour = 0;
            minute = 0;
            ref = ref.substring(8);
        } else if (ref.startsWith("teatime")) {
            hour = 16;
            minute = 0;
            ref = ref.substring(7);
        }
        LocalDateTime date = current.toLocalDate().atTime(hour, minute);
        if (ref.equals("yesterday")) {
            date = date.minusDays(1);
        } else if (ref.equals("tomorrow")) {
            date = date.plusDays(1);
        } else if (ref.equals("today")) {
            // the reference date already is today
        } else if (ref.chars().filter(c -> c == '/').count() == 2) {
            String[] parts = ref.split("/", -1);
            int year = Integer.parseInt(parts[2]);
            year += year < 1900 ? 1900 : 0;
            year += year < 1970 ? 100 : 0;
            date = LocalDateTime.of(year, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), hour, minute);
        } else if (ref.length() == 8 && isDigits(ref)) {
            date = LocalDateTime.of(
                    Integer.parseInt(ref.substring(0, 4)),
                    Integer.parseInt(ref.substring(4, 6)),
                    Integer.parseInt(ref.substring(6)),
                    hour,
                    minute);
        } else if (ref.length() >= 3 && MONTHS.contains(ref.substring(0, 3))) {
            date = LocalDateTime.of(
                    date.getYear(), MONTHS.indexOf(ref.substring(0, 3)) + 1, dayOfMonth(ref), hour, minute);
        } else if (ref.length() >= 3 && WEEKDAYS.contains(ref.substring(0, 3))) {
            int today = date.getDayOfWeek() == DayOfWeek.SUNDAY
                    ? 0
                    : date.getDayOfWeek().getValue();
            int back = today - WEEKDAYS.indexOf(ref.substring(0, 3));
            date = date.minusDays(back < 0 ? back + 7 : back);
        } else if (!ref.isEmpty()) {
            throw new QueryException("Unknown day reference: " + original);
        }
        return date.atZone(zone).toEpochSecond();
    }

    private static int dayOfMonth(String ref) {
        int end = ref.length();
        if (end >= 2 && isDigits(ref.substring(end - 2))) {
            return Integer.parseInt(ref.substring(end - 2));
        } else if (end >= 1 && isDigits(ref.substring(end - 1))) {
            return Integer.parseInt(ref.substring(end - 1));
        }
        throw new QueryException("Day of month required after month name");
    }

    private static boolean looksLikeDate(String digits) {
        return digits.length() == 8
                && Integer.parseInt(digits.substring(0, 4)) > 1900
                && Integer.parseInt(digits.substring(4, 6)) < 13
                && Integer.parseInt(digits.substring(6)) < 32;
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
