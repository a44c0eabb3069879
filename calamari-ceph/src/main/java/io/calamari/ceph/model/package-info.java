/**
 * The Ceph domain model Calamari needs, as immutable records built by the parsers of {@link
 * io.calamari.ceph.parse}, plus indexes derived from them ({@link io.calamari.ceph.model.OsdMapIndex})
 * and the reduced placement-group summary ({@link io.calamari.ceph.model.PgSummary}).
 */
@NullMarked
package io.calamari.ceph.model;

import org.jspecify.annotations.NullMarked;
