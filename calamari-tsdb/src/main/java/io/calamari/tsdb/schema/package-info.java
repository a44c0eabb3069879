/**
 * Carbon's {@code storage-schemas.conf} and {@code storage-aggregation.conf}: which tiers (step and
 * retention) a series is kept in and how a coarser tier aggregates a finer one.
 */
@NullMarked
package io.calamari.tsdb.schema;

import org.jspecify.annotations.NullMarked;
