package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.StatisticsReport;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Charts as inline SVG, drawn on the server: no script, no third-party resource, and readable in
 * any browser (and in the CSP {@code default-src 'none'}). Colours come from classes in
 * {@code audit.css}. Labels are escaped.
 */
final class SvgCharts {

    private static final int BAR_AREA = 260;
    private static final int ROW = 42;

    private SvgCharts() {
    }

    /** Bar of a labelled value. */
    record Bar(String label, double value, String text) {
    }

    /**
     * Horizontal bars scaled to the largest value, each under its own label line, so that the chart
     * is narrow enough to stay readable when a phone scales it to its width.
     */
    static String bars(String title, List<Bar> bars, String cssClass) {
        int height = Math.max(1, bars.size()) * ROW + 8;
        int width = BAR_AREA + 200;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        StringBuilder svg = open(title, width, height);
        if (bars.isEmpty()) {
            svg.append(text(8, 16, "—", "empty"));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 4 + i * ROW;
            int w = max <= 0 ? 0 : (int) Math.round(b.value() / max * BAR_AREA);
            svg.append(text(4, y + 15, shorten(b.label()), "label", false));
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                    cssClass, 4, y + 21, Math.max(w, 1), 14));
            svg.append(text(4 + w + 6, y + 33, b.text(), "value"));
        }
        return svg.append("</svg>").toString();
    }

    /** Columns per day: received (light) and held (dark) side by side, with a legend. */
    static String days(String title, List<StatisticsReport.Day> days, String received, String held) {
        int plot = 200;
        int step = Math.max(6, Math.min(24, 440 / Math.max(1, days.size())));
        int width = 50 + days.size() * step + 10;
        int height = plot + 50;
        long max = days.stream().mapToLong(d -> Math.max(d.received(), d.held())).max().orElse(0);
        StringBuilder svg = open(title, width, height);
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"45\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                plot + 10, width - 5, plot + 10));
        svg.append(text(40, 18, String.valueOf(max), "label"));
        svg.append(text(40, plot + 10, "0", "label"));
        int bw = Math.max(2, step / 2 - 1);
        for (int i = 0; i < days.size(); i++) {
            StatisticsReport.Day d = days.get(i);
            int x = 50 + i * step;
            column(svg, x, d.received(), max, plot, bw, "received", d.day() + ": " + d.received() + " received");
            column(svg, x + bw + 1, d.held(), max, plot, bw, "held", d.day() + ": " + d.held() + " held");
            if (i == 0 || i == days.size() - 1 || days.size() <= 14 || i % 7 == 0) {
                svg.append(text(x + bw, plot + 26, d.day().toString().substring(5), "tick"));
            }
        }
        svg.append("<rect class=\"received\" x=\"50\" y=\"").append(plot + 34).append("\" width=\"10\" height=\"10\"/>")
                .append(text(64, plot + 43, received, "legend", false))
                .append("<rect class=\"held\" x=\"140\" y=\"").append(plot + 34).append("\" width=\"10\" height=\"10\"/>")
                .append(text(154, plot + 43, held, "legend", false));
        return svg.append("</svg>").toString();
    }

    private static void column(StringBuilder svg, int x, long value, long max, int plot, int w, String css, String tip) {
        int h = max == 0 ? 0 : (int) Math.round(value * (double) plot / max);
        svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
                + "<title>%s</title></rect>", css, x, plot + 10 - h, w, h, HtmlUtils.htmlEscape(tip)));
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                + "role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>", width, height,
                width, height, HtmlUtils.htmlEscape(title)));
    }

    private static String text(int x, int y, String s, String css) {
        return text(x, y, s, css, true);
    }

    private static String text(int x, int y, String s, String css, boolean anchorEnd) {
        String anchor = "label".equals(css) || "tick".equals(css) ? (("tick".equals(css)) ? "middle" : "end") : "start";
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", css, x, y,
                anchorEnd ? anchor : "start", HtmlUtils.htmlEscape(s));
    }

    private static String shorten(String label) {
        String l = label.isEmpty() ? "(unknown)" : label;
        return l.length() > 36 ? l.substring(0, 35) + "…" : l;
    }
}
