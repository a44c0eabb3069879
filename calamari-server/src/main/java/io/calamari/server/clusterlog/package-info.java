/**
 * The cluster log: Calamari's {@code cluster/{fsid}/log} tail, read from the monitors with
 * {@code log last}, and a live stream of it followed through librados and served as Server-Sent
 * Events.
 */
@NullMarked
package io.calamari.server.clusterlog;

import org.jspecify.annotations.NullMarked;
