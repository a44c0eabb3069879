package io.calamari.ceph.rados;

/**
 * No answer in time: librados returned {@code -110 ETIMEDOUT}, the Java-side limit passed first, or the client was
 * too busy with earlier calls that are still hanging to accept another.
 */
public class RadosTimeoutException extends RadosException {
    private static final long serialVersionUID = 1L;

    public RadosTimeoutException(String message, int errno, String cephStatus) {
        super(message, errno, cephStatus);
    }
}
