package io.calamari.ceph.command;

import io.calamari.ceph.command.ArgumentException.Kind;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ceph} CLI's checks of names and identifiers: {@code CephName} ({@code osd.1}, {@code
 * mon.a}, {@code *}), {@code CephOsdName} ({@code 1} or {@code osd.1}), {@code CephPgid} ({@code
 * 1.1f}), {@code CephUUID} and {@code CephFragment}. Stateless and thread-safe.
 */
final class CephNames {
    private static final Set<String> NAME_TYPES = Set.of("osd", "mon", "client", "mds", "mgr");

    private CephNames() {}

    static String name(String word) throws ArgumentException {
        if (word.equals("*") || word.equals("mgr") || word.equals("mon")) {
            return word;
        }
        int dot = word.indexOf('.');
        if (dot < 0) {
            throw new ArgumentException(Kind.FORMAT, "CephName: no . in " + word);
        }
        String type = word.substring(0, dot);
        String id = word.substring(dot + 1);
        if (!NAME_TYPES.contains(type)) {
            throw new ArgumentException(Kind.VALID, "unknown type " + type);
        }
        if (type.equals("osd")
                && !id.equals("*")
                && PythonNumbers.parseInteger(id, 10).isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "osd id " + id + " not integer");
        }
        return word;
    }

    /** The OSD number, or {@code *}. */
    static Object osdName(String word) throws ArgumentException {
        if (word.equals("*")) {
            return word;
        }
        String id = word;
        int dot = word.indexOf('.');
        if (dot >= 0) {
            String type = word.substring(0, dot);
            if (!type.equals("osd")) {
                throw new ArgumentException(Kind.VALID, "unknown type " + type);
            }
            id = word.substring(dot + 1);
        }
        Optional<BigInteger> number = PythonNumbers.parseInteger(id, 10);
        if (number.isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "osd id " + id + " not integer");
        }
        if (number.get().signum() < 0) {
            throw new ArgumentException(Kind.FORMAT, "osd id " + number.get() + " is less than 0");
        }
        if (number.get().bitLength() >= Long.SIZE) {
            throw new ArgumentException(Kind.FORMAT, "osd id " + id + " is too large");
        }
        return number.get().longValue();
    }

    static String placementGroupId(String word) throws ArgumentException {
        int dot = word.indexOf('.');
        if (dot < 0) {
            throw new ArgumentException(Kind.FORMAT, "pgid has no .");
        }
        String pool = word.substring(0, dot);
        String number = word.substring(dot + 1);
        Optional<BigInteger> poolId = PythonNumbers.parseInteger(pool, 10);
        if (poolId.isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "pool " + pool + " not integer");
        }
        if (poolId.get().signum() < 0) {
            throw new ArgumentException(Kind.FORMAT, "pool " + poolId.get() + " < 0");
        }
        if (PythonNumbers.parseInteger(number, 16).isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "pgnum " + number + " not hex integer");
        }
        return word;
    }

    /** What Python's {@code uuid.UUID(word)} accepts: 32 hex digits, with optional dashes, braces and {@code urn:uuid:}. */
    static String uuid(String word) throws ArgumentException {
        String hex = word.replace("urn:", "").replace("uuid:", "");
        hex = stripBraces(hex).replace("-", "");
        if (hex.length() != 32 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new ArgumentException(Kind.FORMAT, "invalid UUID " + word + ": badly formed hexadecimal UUID string");
        }
        return word;
    }

    /**
     * A CephFS directory fragment, {@code 0x<hex value>/<bits>}. (The CLI's own check reads the hex
     * value as decimal and so refuses every fragment; no monitor or manager command takes one.)
     */
    static String fragment(String word) throws ArgumentException {
        String[] parts = word.split("/", -1);
        if (parts.length != 2) {
            throw new ArgumentException(Kind.FORMAT, word + ": no /");
        }
        if (!parts[0].startsWith("0x")) {
            throw new ArgumentException(Kind.FORMAT, parts[0] + " not a hex integer");
        }
        if (PythonNumbers.parseInteger(parts[0], 16).isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "can't convert " + parts[0] + " to integer");
        }
        if (PythonNumbers.parseInteger(parts[1], 10).isEmpty()) {
            throw new ArgumentException(Kind.FORMAT, "can't convert " + parts[1] + " to integer");
        }
        return word;
    }

    private static String stripBraces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == '{' || text.charAt(start) == '}')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == '{' || text.charAt(end - 1) == '}')) {
            end--;
        }
        return text.substring(start, end);
    }
}
