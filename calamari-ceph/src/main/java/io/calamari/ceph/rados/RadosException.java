package io.calamari.ceph.rados;

import java.util.Map;

/**
 * A librados call failed: carries the negative errno librados returned (0 when the failure is Java-side) and Ceph's
 * status text, which may be empty. Subclasses single out timeouts and a missing librados.
 */
public class RadosException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> ERRNO_NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"),
            Map.entry(2, "ENOENT"),
            Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"),
            Map.entry(6, "ENXIO"),
            Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"),
            Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"),
            Map.entry(22, "EINVAL"),
            Map.entry(28, "ENOSPC"),
            Map.entry(34, "ERANGE"),
            Map.entry(39, "ENOTEMPTY"),
            Map.entry(95, "EOPNOTSUPP"),
            Map.entry(107, "ENOTCONN"),
            Map.entry(108, "ESHUTDOWN"),
            Map.entry(110, "ETIMEDOUT"),
            Map.entry(111, "ECONNREFUSED"));

    private final int errno;
    private final String cephStatus;

    /**
     * @param message what was attempted, for example {@code connecting to the cluster}
     * @param errno the negative errno librados returned, or 0
     * @param cephStatus Ceph's own status text, or an empty string
     */
    public RadosException(String message, int errno, String cephStatus) {
        super(describe(message, errno, cephStatus));
        this.errno = errno;
        this.cephStatus = cephStatus;
    }

    public RadosException(String message, int errno, String cephStatus, Throwable cause) {
        this(message, errno, cephStatus);
        initCause(cause);
    }

    /** The negative errno librados returned, for example {@code -13}; 0 when the failure is Java-side. */
    public int errno() {
        return errno;
    }

    /** Ceph's status text ({@code outs}), empty when Ceph gave none. */
    public String cephStatus() {
        return cephStatus;
    }

    /** Returns the symbolic name of an errno ({@code EACCES} for 13 or -13), or {@code errno N} when it is not a common one. */
    public static String errnoName(int errno) {
        String name = ERRNO_NAMES.get(Math.abs(errno));
        return name == null ? "errno " + Math.abs(errno) : name;
    }

    /** Returns {@code -13 EACCES} style text for a negative errno, or just the number when it is not a common one. */
    public static String errnoText(int errno) {
        String name = ERRNO_NAMES.get(Math.abs(errno));
        return name == null ? Integer.toString(errno) : errno + " " + name;
    }

    private static String describe(String message, int errno, String cephStatus) {
        StringBuilder text = new StringBuilder(message);
        String separator = ": ";
        if (errno != 0) {
            text.append(separator).append("librados returned ").append(errnoText(errno));
            separator = ", ";
        }
        if (!cephStatus.isBlank()) {
            text.append(separator).append("Ceph says: ").append(cephStatus.strip());
        }
        return text.toString();
    }
}
