/**
 * Management operations as tracked, persisted, asynchronous requests (Calamari's UserRequest): the
 * plan of Ceph commands an operation becomes, its execution and completion against the cluster's
 * snapshots, restart recovery, and the {@code request} resources.
 */
@NullMarked
package io.calamari.server.request;

import org.jspecify.annotations.NullMarked;
