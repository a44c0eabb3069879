package io.calamari.tsdb.query;

/**
 * A render request that cannot be answered as asked: bad syntax (with the position), an unknown
 * function, a bad argument or time. The HTTP layer turns it into a 400.
 */
public final class QueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
