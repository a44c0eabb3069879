@NullMarked
package io.calamari.server.info;

import org.jspecify.annotations.NullMarked;
