/**
 * Calamari's {@code cluster/{fsid}/cli}: a {@code ceph …} command line parsed the way the ceph CLI
 * parses it and sent through librados, never through a shell.
 */
@NullMarked
package io.calamari.server.cli;

import org.jspecify.annotations.NullMarked;
