@NullMarked
package io.calamari.server.cluster;

import org.jspecify.annotations.NullMarked;
