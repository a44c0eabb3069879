/** Records and codecs that cross process boundaries: agent messages, Graphite codecs, the shared JSON mapper. */
@NullMarked
package io.calamari.protocol;

import org.jspecify.annotations.NullMarked;
