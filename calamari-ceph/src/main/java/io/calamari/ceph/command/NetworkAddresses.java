package io.calamari.ceph.command;

import io.calamari.ceph.command.ArgumentException.Kind;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The {@code ceph} CLI's checks of {@code CephIPAddr} ({@code 1.2.3.4:6789}, {@code [::1]:6789},
 * with an optional {@code v1:}, {@code v2:} or {@code any:} tag) and {@code CephEntityAddr} (an
 * address with an optional {@code /nonce}), including the address parsing of the C library's {@code
 * inet_pton}, so that the same words pass. Where the CLI would crash on a malformed word, the word is
 * refused. Stateless and thread-safe.
 */
final class NetworkAddresses {
    private static final int IPV6_BYTES = 16;
    private static final int IPV4_BYTES = 4;

    private NetworkAddresses() {}

    /** Checks a {@code CephIPAddr}; returns what the CLI sends: the word without its tag. */
    static String ipAddress(String word) throws ArgumentException {
        String address = word;
        boolean version4 = false;
        if (address.startsWith("v1:")) {
            address = address.substring(3);
            version4 = true;
        } else if (address.startsWith("v2:")) {
            address = address.substring(3);
        } else if (address.startsWith("any:")) {
            address = address.substring(4);
            version4 = true;
        } else if (!address.startsWith("[") && address.contains(".")) {
            version4 = true;
        }
        Optional<BigInteger> port = version4 ? checkVersion4(address) : checkVersion6(address);
        if (port.isPresent() && port.get().compareTo(BigInteger.valueOf(65535)) > 0) {
            throw new ArgumentException(Kind.VALID, port.get() + " not a valid port number");
        }
        return address;
    }

    /** Checks a {@code CephEntityAddr}; the CLI sends the word unchanged. */
    static String entityAddress(String word) throws ArgumentException {
        String address = word;
        String nonce = "";
        if (word.contains("/")) {
            String[] parts = word.split("/", -1);
            if (parts.length != 2) {
                throw new ArgumentException(Kind.FORMAT, word + ": more than one '/' in the address");
            }
            address = parts[0];
            nonce = parts[1];
            if (nonce.endsWith("]")) {
                nonce = nonce.substring(0, nonce.length() - 1);
                address += "]";
            }
        }
        ipAddress(address);
        if (!nonce.isEmpty()) {
            Optional<BigInteger> value = PythonNumbers.parseInteger(nonce, 10);
            if (value.isEmpty() || value.get().signum() < 0) {
                throw new ArgumentException(Kind.VALID, word + ": invalid entity, nonce " + nonce + " not integer > 0");
            }
        }
        return word;
    }

    private static Optional<BigInteger> checkVersion4(String address) throws ArgumentException {
        int colon = address.indexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        Optional<BigInteger> port = Optional.empty();
        if (colon >= 0) {
            String portText = address.substring(colon + 1);
            port = PythonNumbers.parseInteger(portText, 10);
            if (port.isEmpty() || port.get().compareTo(BigInteger.valueOf(65535)) > 0) {
                throw new ArgumentException(Kind.VALID, portText + ": invalid IPv4 port");
            }
        }
        if (!isVersion4(host, 0, host.length())) {
            throw new ArgumentException(Kind.VALID, host + ": invalid IPv4 address");
        }
        return port;
    }

    private static Optional<BigInteger> checkVersion6(String address) throws ArgumentException {
        String host = address;
        Optional<BigInteger> port = Optional.empty();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0) {
                throw new ArgumentException(Kind.FORMAT, address + " missing terminating ]");
            }
            if (end + 1 < address.length() && address.charAt(end + 1) == ':') {
                // The CLI reads only the first digit of the port.
                String digit = end + 2 < address.length() ? address.substring(end + 2, end + 3) : "";
                port = PythonNumbers.parseInteger(digit, 10);
                if (port.isEmpty()) {
                    throw new ArgumentException(Kind.VALID, address + ": bad port number");
                }
            }
            host = address.substring(1, end);
        }
        if (!isVersion6(host)) {
            throw new ArgumentException(Kind.VALID, address + " not valid IPv6 address");
        }
        return port;
    }

    /** glibc's {@code inet_pton4} over {@code text[start, end)}: four decimal octets, no leading zeros. */
    static boolean isVersion4(String text, int start, int end) {
        int octets = 0;
        int value = 0;
        boolean sawDigit = false;
        for (int index = start; index < end; index++) {
            char character = text.charAt(index);
            if (character >= '0' && character <= '9') {
                if (sawDigit && value == 0) {
                    return false;
                }
                value = value * 10 + (character - '0');
                if (value > 255) {
                    return false;
                }
                if (!sawDigit) {
                    if (++octets > IPV4_BYTES) {
                        return false;
                    }
                    sawDigit = true;
                }
            } else if (character == '.' && sawDigit) {
                if (octets == IPV4_BYTES) {
                    return false;
                }
                value = 0;
                sawDigit = false;
            } else {
                return false;
            }
        }
        return octets == IPV4_BYTES;
    }

    /** glibc's {@code inet_pton6}: hex groups, at most one {@code ::}, an optional IPv4 tail. */
    static boolean isVersion6(String text) {
        int index = 0;
        int length = text.length();
        if (length == 0) {
            return false;
        }
        if (text.charAt(0) == ':' && (length == 1 || text.charAt(1) != ':')) {
            return false;
        }
        if (text.charAt(0) == ':') {
            index = 1;
        }
        int filled = 0;
        int gap = -1;
        int digits = 0;
        int tokenStart = index;
        while (index < length) {
            char character = text.charAt(index++);
            if (Character.digit(character, 16) >= 0 && character < 128) {
                if (digits == 4) {
                    return false;
                }
                digits++;
                continue;
            }
            if (character == ':') {
                tokenStart = index;
                if (digits == 0) {
                    if (gap >= 0) {
                        return false;
                    }
                    gap = filled;
                    continue;
                } else if (index == length || filled + 2 > IPV6_BYTES) {
                    return false;
                }
                filled += 2;
                digits = 0;
                continue;
            }
            if (character == '.' && filled + IPV4_BYTES <= IPV6_BYTES && isVersion4(text, tokenStart, length)) {
                filled += IPV4_BYTES;
                digits = 0;
                break;
            }
            return false;
        }
        if (digits > 0) {
            if (filled + 2 > IPV6_BYTES) {
                return false;
            }
            filled += 2;
        }
        if (gap >= 0) {
            return filled != IPV6_BYTES;
        }
        return filled == IPV6_BYTES;
    }
}
