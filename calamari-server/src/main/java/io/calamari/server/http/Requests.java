package io.calamari.server.http;

import io.calamari.server.auth.Principal;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.FieldErrors;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reading requests the same way everywhere: the principal, JSON bodies and their typed fields. */
public final class Requests {
    private final ObjectMapper mapper;

    public Requests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The user the security gate admitted; only for routes that require login. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(SecurityGate.PRINCIPAL_ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("no principal: route " + ctx.path() + " is not login-protected");
        }
        return principal;
    }

    /**
     * The body as a JSON object: an empty body is an empty object, a body that is not JSON gives 415,
     * malformed JSON or another JSON type gives 400.
     */
    public ObjectNode jsonObject(Context ctx) {
        String body = ctx.body();
        String contentType = ctx.contentType();
        if (body.isBlank()) {
            return mapper.createObjectNode();
        }
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new CalamariException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported media type \"" + contentType.split(";")[0] + "\" in request.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, "JSON parse error - " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new CalamariException(
                    ErrorCode.INVALID_ARGUMENT,
                    "Invalid data. Expected a JSON object, but got " + node.getNodeType() + ".");
        }
        return object;
    }

    /**
     * A query parameter holding an ISO-8601 instant with an offset ({@code 2026-03-01T12:00:00Z});
     * a present but unreadable one records an error on the parameter's name.
     */
    public static Optional<Instant> queryInstant(Context ctx, String parameter, FieldErrors errors) {
        String text = ctx.queryParam(parameter);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            errors.add(
                    parameter, "Enter a valid date and time in ISO-8601 with an offset, such as 2026-03-01T12:00:00Z.");
            return Optional.empty();
        }
    }

    /** Records "Not allowed during METHOD" for every field outside {@code allowed}. */
    public static void allowOnly(ObjectNode body, Set<String> allowed, String method, FieldErrors errors) {
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(name, "Not allowed during " + method);
            }
        }
    }

    /** A string field; a present field of another type records an error. */
    public static Optional<String> string(ObjectNode body, String field, FieldErrors errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            errors.add(field, "Not a valid string.");
            return Optional.empty();
        }
        return Optional.of(value.asString());
    }

    /**
     * An integer field; as Calamari's serializers did, a string of digits is accepted ({@code "64"}).
     * A present field of another type records "A valid integer is required.".
     */
    public static Optional<Long> integer(ObjectNode body, String field, FieldErrors errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isString()) {
            try {
                return Optional.of(Long.parseLong(value.asString().trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        errors.add(field, "A valid integer is required.");
        return Optional.empty();
    }

    /** A number field (integers too); a present field of another type records "A valid number is required.". */
    public static Optional<Double> number(ObjectNode body, String field, FieldErrors errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        if (value.isString()) {
            try {
                return Optional.of(Double.parseDouble(value.asString().trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        errors.add(field, "A valid number is required.");
        return Optional.empty();
    }

    /** Records "Required during METHOD" for every field of {@code required} the body lacks. */
    public static void require(ObjectNode body, List<String> required, String method, FieldErrors errors) {
        for (String field : required) {
            if (!body.has(field) || body.get(field).isNull()) {
                errors.add(field, "Required during " + method);
            }
        }
    }

    /** A boolean field; a present field of another type records an error. */
    public static Optional<Boolean> bool(ObjectNode body, String field, FieldErrors errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            errors.add(field, "Must be a valid boolean.");
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }
}
