/** The Graphite render engine: the output formats. */
@NullMarked
package io.calamari.tsdb.query.format;

import org.jspecify.annotations.NullMarked;
