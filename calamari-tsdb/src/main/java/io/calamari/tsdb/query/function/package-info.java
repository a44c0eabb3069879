/** The Graphite render engine: the series functions and their registry. */
@NullMarked
package io.calamari.tsdb.query.function;

import org.jspecify.annotations.NullMarked;
