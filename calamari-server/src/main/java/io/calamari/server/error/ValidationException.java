package io.calamari.server.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invalid input, reported field by field as Calamari did: {@code {"field": ["message", ...]}}.
 * Thrown before anything is changed.
 */
public final class ValidationException extends CalamariException {
    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> fieldErrors;

    public ValidationException(Map<String, List<String>> fieldErrors) {
        this(ErrorCode.INVALID_ARGUMENT, fieldErrors);
    }

    /** Field-level errors with another status, such as 409 for a name already taken. */
    public ValidationException(ErrorCode code, Map<String, List<String>> fieldErrors) {
        super(code, describe(fieldErrors));
        this.fieldErrors = copy(fieldErrors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, List.of(message)));
    }

    /** Field name to messages, in the order the fields were checked. */
    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> errors) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        return Collections.unmodifiableMap(copy);
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((field, messages) -> {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(field).append(": ").append(String.join(" ", messages));
        });
        return text.toString();
    }
}
