/**
 * Access to a Ceph cluster's monitors, manager and OSDs through commands, and to its cluster log: the
 * {@link io.calamari.ceph.rados.RadosClient} interface, its connection settings and its typed exceptions.
 * Implementations live elsewhere (librados through JNA in {@code io.calamari.ceph.jna}); nothing here touches native
 * code.
 */
@NullMarked
package io.calamari.ceph.rados;

import org.jspecify.annotations.NullMarked;
