/** A simulated Ceph cluster behind the RadosClient interface. */
@NullMarked
package io.calamari.simulator;

import org.jspecify.annotations.NullMarked;
