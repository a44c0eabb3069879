package io.calamari.ceph.rados;

/**
 * A subscription to the cluster log made with {@link RadosClient#monitorLog}; closing it stops the
 * delivery of entries. Thread-safe; closing twice is harmless.
 */
public interface LogSubscription extends AutoCloseable {
    /** Stops the delivery: once this returns the listener is not called again. */
    @Override
    void close();
}
