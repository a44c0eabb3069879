package io.calamari.protocol.graphite;

/**
 * A pickled {@code str} or {@code bytes}: a view of UTF-8 bytes, usually inside the frame itself
 * (protocol 0's escaped strings are decoded into a copy). Python 3 treats both alike here: a path
 * may be either, and {@code float()} accepts either.
 */
record PickledText(byte[] bytes, int offset, int length) {}
