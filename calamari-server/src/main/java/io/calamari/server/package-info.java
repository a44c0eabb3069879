/** The Calamari server: composition root, configuration, HTTP API, storage and the admin CLI. */
@NullMarked
package io.calamari.server;

import org.jspecify.annotations.NullMarked;
