package io.calamari.protocol;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration every Calamari process uses, so that server, agent and tests read and
 * write the same shapes.
 */
public final class Json {
    private Json() {}

    /** A new mapper (thread-safe once built): unknown properties ignored, numbers exact. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }
}
