@NullMarked
package io.calamari.server.mon;

import org.jspecify.annotations.NullMarked;
