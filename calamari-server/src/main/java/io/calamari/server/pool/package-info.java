/** Pool resources of the REST API (v1 and v2), served from the cluster snapshots. */
@NullMarked
package io.calamari.server.pool;

import org.jspecify.annotations.NullMarked;
