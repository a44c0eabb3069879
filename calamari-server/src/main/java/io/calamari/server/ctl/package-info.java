@NullMarked
package io.calamari.server.ctl;

import org.jspecify.annotations.NullMarked;
