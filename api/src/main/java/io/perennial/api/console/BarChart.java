package io.perennial.api.console;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A horizontal bar chart drawn on the server as SVG: every bar's place and length is computed here, so the page needs
 * no script and no inline style (the CSP allows neither). Bars are scaled to the largest magnitude; a negative value
 * (a contraction, a churn) is drawn as long as its magnitude and marked {@code negative}. The chart's accessible name
 * lists every bar, since an SVG image says nothing to a screen reader.
 */
public record BarChart(String id, String title, List<Bar> bars) {

    static final int WIDTH = 560;
    static final int LABEL_WIDTH = 190;
    static final int BAR_AREA = 250;
    static final int ROW = 28;
    static final int BAR = 18;

    /** One bar: {@code key} names it for tests and styles, {@code shown} is its value as the reader writes it. */
    public record Bar(String key, String label, long value, String shown, int y, int length) {

        public boolean negative() {
            return value < 0;
        }

        public int textY() {
            return y + BAR - 4;
        }

        public int valueX() {
            return LABEL_WIDTH + length + 6;
        }
    }

    /** A value to draw: its key, its label and how it is written. */
    public record Entry(String key, String label, long value, String shown) {
    }

    public static BarChart of(String id, String title, List<Entry> entries) {
        long largest = entries.stream().mapToLong(entry -> Math.abs(entry.value())).max().orElse(0);
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            bars.add(new Bar(entry.key(), entry.label(), entry.value(), entry.shown(), 4 + i * ROW,
                    length(Math.abs(entry.value()), largest)));
        }
        return new BarChart(id, title, List.copyOf(bars));
    }

    /** Proportional to the largest bar; a value too small to see still shows a sliver, zero shows nothing. */
    static int length(long magnitude, long largest) {
        if (magnitude == 0 || largest == 0) {
            return 0;
        }
        return (int) Math.max(2, Math.round((double) magnitude * BAR_AREA / largest));
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return Math.max(ROW, bars.size() * ROW + 8);
    }

    public int labelX() {
        return LABEL_WIDTH - 8;
    }

    public int barX() {
        return LABEL_WIDTH;
    }

    public int barHeight() {
        return BAR;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + height();
    }

    /** What a screen reader says for the image: the title, then every bar with its value. */
    public String description() {
        return title + ": " + bars.stream().map(bar -> bar.label() + " " + bar.shown())
                .collect(Collectors.joining("; "));
    }
}
