/**
 * Metrics ingest: the carbon plaintext (TCP 2003) and pickle (TCP 2004) listeners feeding the
 * time-series store through {@link io.calamari.tsdb.PointSink}.
 */
@NullMarked
package io.calamari.server.metrics;

import org.jspecify.annotations.NullMarked;
