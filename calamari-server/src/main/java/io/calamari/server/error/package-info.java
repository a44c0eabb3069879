@NullMarked
package io.calamari.server.error;

import org.jspecify.annotations.NullMarked;
