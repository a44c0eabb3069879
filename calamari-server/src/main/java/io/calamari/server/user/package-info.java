@NullMarked
package io.calamari.server.user;

import org.jspecify.annotations.NullMarked;
