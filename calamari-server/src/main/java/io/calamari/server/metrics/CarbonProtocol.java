package io.calamari.server.metrics;

import java.util.Locale;

/** The two carbon listeners; the lower-case name tags their metrics and names their threads. */
enum CarbonProtocol {
    PLAINTEXT,
    PICKLE;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
