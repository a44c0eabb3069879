@NullMarked
package io.calamari.server.crush;

import org.jspecify.annotations.NullMarked;
