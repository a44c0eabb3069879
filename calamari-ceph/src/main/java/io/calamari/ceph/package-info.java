/** Ceph domain model, typed mon/mgr commands and their parsing, the RadosClient interface. */
@NullMarked
package io.calamari.ceph;

import org.jspecify.annotations.NullMarked;
