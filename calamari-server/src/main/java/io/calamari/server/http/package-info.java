@NullMarked
package io.calamari.server.http;

import org.jspecify.annotations.NullMarked;
