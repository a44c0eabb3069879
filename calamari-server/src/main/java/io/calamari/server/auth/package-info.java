@NullMarked
package io.calamari.server.auth;

import org.jspecify.annotations.NullMarked;
