package io.calamari.ceph.rados;

/** librados itself cannot be used on this machine (the shared library is missing or does not load). */
public class RadosUnavailableException extends RadosException {
    private static final long serialVersionUID = 1L;

    public RadosUnavailableException(String message, Throwable cause) {
        super(message, 0, "", cause);
    }
}
