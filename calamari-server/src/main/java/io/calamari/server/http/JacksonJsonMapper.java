package io.calamari.server.http;

import io.javalin.json.JsonMapper;
import java.io.InputStream;
import java.lang.reflect.Type;
import tools.jackson.databind.ObjectMapper;

/** Javalin's JSON hook, backed by Jackson 3 and Calamari's shared mapper. Thread-safe. */
final class JacksonJsonMapper implements JsonMapper {
    private final ObjectMapper mapper;

    JacksonJsonMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String toJsonString(Object value, Type type) {
        return mapper.writeValueAsString(value);
    }

    @Override
    public <T> T fromJsonString(String json, Type type) {
        return mapper.readValue(json, mapper.constructType(type));
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type type) {
        return mapper.readValue(json, mapper.constructType(type));
    }
}
