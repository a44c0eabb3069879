package io.calamari.tsdb.storage;

/** A file's bytes do not decode: a torn write or damage. Callers skip the record or refuse the file. */
public final class CorruptDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }
}
