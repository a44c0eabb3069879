@NullMarked
package io.calamari.server.db;

import org.jspecify.annotations.NullMarked;
