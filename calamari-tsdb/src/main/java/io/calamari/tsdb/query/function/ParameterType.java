package io.calamari.tsdb.query.function;

/** graphite-web's parameter types, by their names in the {@code /functions} index. */
public enum ParameterType {
    SERIES_LIST("seriesList"),
    INTEGER("integer"),
    FLOAT("float"),
    STRING("string"),
    BOOLEAN("boolean"),
    AGGREGATION_FUNCTION("aggFunc"),
    AGGREGATION_OR_SERIES_FUNCTION("aggOrSeriesFunc"),
    NODE_OR_TAG("nodeOrTag"),
    TAG("tag"),
    INTERVAL("interval"),
    INTEGER_OR_INTERVAL("intOrInterval"),
    INTEGER_OR_INFINITY("intOrInf"),
    ANY("any");

    private final String wireName;

    ParameterType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
