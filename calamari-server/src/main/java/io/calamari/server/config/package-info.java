@NullMarked
package io.calamari.server.config;

import org.jspecify.annotations.NullMarked;
