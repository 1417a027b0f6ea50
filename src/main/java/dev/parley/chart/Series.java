package dev.parley.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One named series of values, one value per x label of the chart it belongs to. A {@code NaN} or infinite
 * value is accepted and drawn as 0 (statistics such as ratios can divide by zero; a card should still show
 * the rest); a {@code null} value is refused.
 *
 * @param name the legend entry (already localized)
 * @param values the values, in x-label order
 */
public record Series(String name, List<Double> values) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when the name, the list or one of its values is null
     */
    public Series {
        Checks.notNull(name, "series name");
        Checks.notNull(values, "series values of '" + name + "'");
        List<Double> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException("series '" + name + "' has a null value at index " + i);
            }
            copy.add(value);
        }
        values = Collections.unmodifiableList(copy);
    }

    /**
     * @param name the legend entry
     * @param values the values, in x-label order
     * @return the series
     */
    public static Series of(String name, double... values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return new Series(name, list);
    }
}
