/**
 * Carbon's ingest protocols at the byte level: the plaintext line decoder (TCP 2003) and the
 * restricted unpickler for pickle frames (TCP 2004). No sockets here; the server's listeners feed
 * bytes in and receive points through {@link io.calamari.protocol.graphite.GraphiteHandler}.
 */
@NullMarked
package io.calamari.protocol.graphite;

import org.jspecify.annotations.NullMarked;
