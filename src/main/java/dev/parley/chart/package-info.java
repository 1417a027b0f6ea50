/**
 * Server-side PNG charts for statistics cards: {@link dev.parley.chart.ChartRenderer} draws a
 * {@link dev.parley.chart.LineChart}, a {@link dev.parley.chart.BarChart} or a {@link dev.parley.chart.HeatMap}
 * headless, with every text element in the bundled WenQuanYi Micro Hei font, so Chinese labels render on a
 * machine with no fonts installed.
 */
package dev.parley.chart;
