/** The Graphite render engine: time parsing, series model and target evaluation. */
@NullMarked
package io.calamari.tsdb.query;

import org.jspecify.annotations.NullMarked;
