package dev.parley.chart;

import java.util.Arrays;
import java.util.List;

/**
 * A square matrix of counts with the same labels on both axes, e.g. how many members two groups share; every
 * cell shows its number. The colour scale runs from 0 to the largest cell off the diagonal (the diagonal, a
 * group against itself, is drawn grey so that it does not wash the scale out).
 *
 * @param title the chart title, already localized ({@code ""} for none)
 * @param labels the row and column labels
 * @param cells {@code cells[row][column]}, {@code labels.size()} rows of {@code labels.size()} columns; copied
 */
public record HeatMap(String title, List<String> labels, long[][] cells) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when anything is null or the matrix is not square with one row per label
     */
    public HeatMap {
        Checks.notNull(title, "title");
        labels = Checks.labels(labels, "labels");
        Checks.notNull(cells, "cells");
        int n = labels.size();
        if (cells.length != n) {
            throw new IllegalArgumentException("heat map has " + n + " labels but " + cells.length + " rows");
        }
        long[][] copy = new long[n][];
        for (int row = 0; row < n; row++) {
            if (cells[row] == null) {
                throw new IllegalArgumentException("heat map row " + row + " is null");
            }
            if (cells[row].length != n) {
                throw new IllegalArgumentException("heat map is not square: row " + row + " has "
                        + cells[row].length + " cells, expected " + n);
            }
            copy[row] = cells[row].clone();
        }
        cells = copy;
    }

    /** @return a copy of the matrix */
    @Override
    public long[][] cells() {
        long[][] copy = new long[cells.length][];
        for (int row = 0; row < cells.length; row++) {
            copy[row] = cells[row].clone();
        }
        return copy;
    }

    /** Equal when the titles, labels and every cell are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HeatMap that && title.equals(that.title) && labels.equals(that.labels)
                && Arrays.deepEquals(cells, that.cells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * title.hashCode() + labels.hashCode()) + Arrays.deepHashCode(cells);
    }

    @Override
    public String toString() {
        return "HeatMap[title=" + title + ", labels=" + labels + ", cells=" + Arrays.deepToString(cells) + "]";
    }
}
