package io.perennial.acceptance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console dashboard's HTML read as a person reads its figures: each headline figure by its {@code data-figure}
 * name, each chart's bars by their {@code data-key}, with the values the page carries in {@code data-value}.
 */
record ConsoleDashboardPage(String html) {

    private static final Pattern FIGURE = Pattern.compile(
            "data-figure=\"([^\"]+)\"(?: data-value=\"(-?\\d+)\")?[^>]*>([^<]*)<");
    private static final Pattern BAR = Pattern.compile("data-key=\"([^\"]+)\" data-value=\"(-?\\d+)\"");

    /** Every figure's value ({@code null} for none, such as a churn rate with no customers to churn from). */
    Map<String, Long> figures() {
        Map<String, Long> figures = new LinkedHashMap<>();
        Matcher figure = FIGURE.matcher(html);
        while (figure.find()) {
            figures.put(figure.group(1), figure.group(2) == null ? null : Long.parseLong(figure.group(2)));
        }
        return figures;
    }

    /** How the page writes a figure for people, e.g. {@code €23.74}. */
    String shown(String figure) {
        Matcher found = FIGURE.matcher(html);
        while (found.find()) {
            if (found.group(1).equals(figure)) {
                return found.group(3);
            }
        }
        throw new AssertionError("no figure " + figure + " on the dashboard");
    }

    /** The bars of the chart {@code id}, by key; empty when the page has no such chart. */
    Map<String, Long> bars(String chart) {
        Map<String, Long> bars = new LinkedHashMap<>();
        int start = html.indexOf("id=\"" + chart + "\"");
        if (start < 0) {
            return bars;
        }
        Matcher bar = BAR.matcher(html.substring(start, html.indexOf("</figure>", start)));
        while (bar.find()) {
            bars.put(bar.group(1), Long.parseLong(bar.group(2)));
        }
        return bars;
    }
}
