package dev.parley.chart;

import java.util.List;

/** Argument checks shared by the chart records; each failure is an {@link IllegalArgumentException}. */
final class Checks {

    private Checks() {
    }

    static void notNull(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }

    /** Copies a list of strings, refusing a null list or element. */
    static List<String> labels(List<String> labels, String what) {
        notNull(labels, what);
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null) {
                throw new IllegalArgumentException(what + " has a null entry at index " + i);
            }
        }
        return List.copyOf(labels);
    }

    /** Copies the series, refusing a null one and any whose length differs from the x labels'. */
    static List<Series> series(List<Series> series, int xLabelCount) {
        notNull(series, "series");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s == null) {
                throw new IllegalArgumentException("series has a null entry at index " + i);
            }
            if (s.values().size() != xLabelCount) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().size()
                        + " values but the chart has " + xLabelCount + " x labels");
            }
        }
        return List.copyOf(series);
    }
}
