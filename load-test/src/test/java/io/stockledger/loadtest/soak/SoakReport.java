package io.stockledger.loadtest.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak run's figures as files: {@code soak.csv}, {@code soak.md} (the table of docs/reliability.md) and
 * {@code soak.svg}, three line charts over the minutes (heap after GC, database connections, p99) drawn as plain SVG
 * so the plot needs no tool and can be committed next to the document.
 */
final class SoakReport {

    private static final int WIDTH = 720;
    private static final int PANEL = 170;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;

    private SoakReport() {
    }

    /** Draws the files again from a run's {@code soak.csv}: {@code SoakReport <directory> <visits per second>}. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        List<SoakSample> samples = Files.readAllLines(directory.resolve("soak.csv")).stream().skip(1)
                .filter(line -> !line.isBlank()).map(SoakSample::parse).toList();
        write(directory, samples, Double.parseDouble(args[1]));
    }

    static void write(Path directory, List<SoakSample> samples, double visitsPerSecond) {
        try {
            Files.createDirectories(directory);
            StringBuilder csv = new StringBuilder(SoakSample.CSV_HEADER).append('\n');
            StringBuilder table = new StringBuilder("| minute | heap after GC (MiB) | DB connections (active) "
                    + "| p99 (ms) | answers |\n|---:|---:|---:|---:|---:|\n");
            for (SoakSample sample : samples) {
                csv.append(sample.csv()).append('\n');
                table.append(String.format(Locale.ROOT, "| %d | %.1f | %d (%d) | %.1f | %d |%n", sample.minute(),
                        sample.heapMiB(), sample.connections(), sample.activeConnections(), sample.p99Millis(),
                        sample.answers()));
            }
            Files.writeString(directory.resolve("soak.csv"), csv);
            Files.writeString(directory.resolve("soak.md"), table);
            Files.writeString(directory.resolve("soak.svg"), svg(samples, visitsPerSecond));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String svg(List<SoakSample> samples, double visitsPerSecond) {
        int height = TOP + 3 * PANEL + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Soak run: %.0f visits/s "
                + "(about %.0f requests/s), one sample per minute</text>%n", LEFT, visitsPerSecond,
                2 * visitsPerSecond));
        panel(svg, samples, 0, "heap after full GC (MiB)", SoakSample::heapMiB, "#1f77b4", false);
        panel(svg, samples, 1, "database connections (all)", sample -> sample.connections(), "#2ca02c", false);
        // logarithmic: a minute of seconds-long answers on a loaded machine would flatten every other minute
        panel(svg, samples, 2, "p99 of the minute's answers (ms, logarithmic)", SoakSample::p99Millis, "#d62728",
                true);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">minute</text>%n", WIDTH / 2,
                TOP + 3 * PANEL + 20));
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, List<SoakSample> samples, int index, String title,
                              ToDoubleFunction<SoakSample> value, String colour, boolean logarithmic) {
        int top = TOP + index * PANEL;
        int bottom = top + PANEL - 40;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = samples.stream().mapToDouble(value).filter(Double::isFinite).max().orElse(1);
        Scale scale = logarithmic ? Scale.logarithmic(max) : Scale.linear(niceCeiling(max));
        int lastMinute = Math.max(1, samples.stream().mapToInt(SoakSample::minute).max().orElse(1));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT,
                top + 12, title));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, bottom, LEFT + plotWidth, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, top + 20, LEFT, bottom));
        for (double tickValue : scale.ticks()) {
            double y = bottom - (bottom - top - 20) * scale.fraction(tickValue);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, format(tickValue)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#ddd\"/>%n", LEFT + 1, y, LEFT + plotWidth, y));
        }
        for (int minute = 0; minute <= lastMinute; minute += Math.max(1, lastMinute / 10)) {
            double x = LEFT + plotWidth * (double) minute / lastMinute;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
                    bottom + 15, minute));
        }
        StringBuilder points = new StringBuilder();
        for (SoakSample sample : samples) {
            double v = value.applyAsDouble(sample);
            if (!Double.isFinite(v)) {
                continue;
            }
            double x = LEFT + plotWidth * (double) sample.minute() / lastMinute;
            double y = bottom - (bottom - top - 20) * scale.fraction(v);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x, y,
                    colour));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"1.5\"/>%n", points.toString().trim(), colour));
    }

    /** Where a value sits on a panel's vertical axis (0: bottom, 1: top), and the values labelled. */
    private record Scale(double top, boolean logarithmic) {

        static Scale linear(double ceiling) {
            return new Scale(ceiling, false);
        }

        /** From 10 to the power of ten above {@code max}. */
        static Scale logarithmic(double max) {
            return new Scale(Math.pow(10, Math.max(2, Math.ceil(Math.log10(Math.max(max, 10))))), true);
        }

        double fraction(double value) {
            if (!logarithmic) {
                return value / top;
            }
            return Math.max(0, Math.log10(Math.max(value, 10)) - 1) / (Math.log10(top) - 1);
        }

        List<Double> ticks() {
            if (!logarithmic) {
                return List.of(0.0, top / 2, top);
            }
            List<Double> ticks = new java.util.ArrayList<>();
            for (double tick = 10; tick <= top; tick *= 10) {
                ticks.add(tick);
            }
            return ticks;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code max}: round axis labels. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
