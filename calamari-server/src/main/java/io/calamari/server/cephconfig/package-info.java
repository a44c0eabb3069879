@NullMarked
package io.calamari.server.cephconfig;

import org.jspecify.annotations.NullMarked;
