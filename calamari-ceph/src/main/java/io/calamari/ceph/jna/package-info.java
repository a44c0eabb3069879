/**
 * The librados binding through JNA: the only package allowed to import {@code com.sun.jna} (an ArchUnit test checks
 * it). {@link io.calamari.ceph.jna.RadosConnector} is the entry point; everything else stays package-private.
 */
@NullMarked
package io.calamari.ceph.jna;

import org.jspecify.annotations.NullMarked;
