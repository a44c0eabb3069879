/** The Graphite render engine: the target expression grammar. */
@NullMarked
package io.calamari.tsdb.query.expression;

import org.jspecify.annotations.NullMarked;
