package io.calamari.server.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects field-level validation messages and throws them all at once. Not thread-safe. */
public final class FieldErrors {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        errors.computeIfAbsent(field, ignored -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean hasErrorFor(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a {@link ValidationException} holding every message collected so far, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * As {@link #throwIfAny()}, with 409 instead of 400 when one of the fields in error is
     * {@code conflictField} (Calamari's rule for a pool name already taken).
     */
    public void throwIfAny(String conflictField) {
        if (!errors.isEmpty()) {
            throw new ValidationException(
                    errors.containsKey(conflictField) ? ErrorCode.CONFLICT : ErrorCode.INVALID_ARGUMENT, errors);
        }
    }
}
