/**
 * On-disk layout of the store: the series log, the write-ahead log, level-0 chunk files written as
 * heads fill, and immutable time partitions that compaction produces. See {@code docs/tsdb.md}.
 */
@NullMarked
package io.calamari.tsdb.storage;

import org.jspecify.annotations.NullMarked;
