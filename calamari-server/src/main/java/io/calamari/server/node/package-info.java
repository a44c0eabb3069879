@NullMarked
package io.calamari.server.node;

import org.jspecify.annotations.NullMarked;
