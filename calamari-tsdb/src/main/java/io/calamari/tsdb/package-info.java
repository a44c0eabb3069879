/** The embedded time-series engine and the Graphite query language. */
@NullMarked
package io.calamari.tsdb;

import org.jspecify.annotations.NullMarked;
