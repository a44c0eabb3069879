@NullMarked
package io.calamari.server.ops;

import org.jspecify.annotations.NullMarked;
