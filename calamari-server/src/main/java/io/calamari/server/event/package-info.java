/**
 * The event timeline: what happened, when, on which cluster, host and daemon, detected from
 * consecutive cluster snapshots and from requests, stored, and served by the {@code event}
 * resources.
 */
@NullMarked
package io.calamari.server.event;

import org.jspecify.annotations.NullMarked;
