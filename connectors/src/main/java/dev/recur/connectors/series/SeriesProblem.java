package dev.recur.connectors.series;

import dev.recur.connectors.DataException;

/** A problem of one series, which {@link SeriesAssembler#skipBadSeries} leaves out with the series. */
final class SeriesProblem extends DataException {
    private static final long serialVersionUID = 1L;

    SeriesProblem(String message) {
        super(message);
    }
}
