/** The node agent: inventory, services, disk health and host metrics. */
@NullMarked
package io.calamari.agent;

import org.jspecify.annotations.NullMarked;
