package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.TimeSeries;
import java.util.List;

/** The body of one render function: bound arguments in, series out. Stateless. */
@FunctionalInterface
public interface RenderFunction {
    List<TimeSeries> apply(Arguments arguments);
}
