@NullMarked
package io.calamari.server.audit;

import org.jspecify.annotations.NullMarked;
