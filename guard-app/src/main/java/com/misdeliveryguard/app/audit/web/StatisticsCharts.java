package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.StatisticsReport;
import com.misdeliveryguard.app.console.ConsoleTexts;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics page's charts, as SVG text for {@code th:utext} (built and escaped by {@link SvgCharts}).
 *
 * @param holdsPerRule  held messages per rule
 * @param decisions     confirmed / partially confirmed / cancelled / expired, as shares of holds
 * @param departments   median seconds to confirm per department
 * @param topSenders    senders with the most messages
 * @param topHeld       senders with the most holds
 * @param trend         received and held per day
 */
record StatisticsCharts(String holdsPerRule, String decisions, String departments, String topSenders, String topHeld,
        String trend) {

    /** Departments whose median confirmation takes less than this may be rubber-stamping. */
    static final double RUBBER_STAMP_SECONDS = 10;

    static StatisticsCharts of(StatisticsReport r, ConsoleTexts t) {
        List<SvgCharts.Bar> decisions = new ArrayList<>();
        r.decisions().forEach((type, n) -> decisions.add(new SvgCharts.Bar(t.label("outcome", type), n,
                t.get("stats.share", n, Math.round(r.rate(type) * 100)))));
        return new StatisticsCharts(
                SvgCharts.bars(t.get("stats.rules"), r.holdsPerRule().stream()
                        .map(c -> new SvgCharts.Bar(t.rule(c.label()), c.count(), String.valueOf(c.count()))).toList(),
                        "bar"),
                SvgCharts.bars(t.get("stats.decisions"), decisions, "bar decision"),
                SvgCharts.bars(t.get("stats.departments"), r.departments().stream()
                        .map(d -> new SvgCharts.Bar(d.department(), d.medianSeconds(),
                                t.get("stats.median", Math.round(d.medianSeconds()), d.decisions(), d.automated())
                                        + (rubberStamping(d) ? " ⚠ " + t.get("stats.rubberStampFlag") : "")))
                        .toList(), "bar timing"),
                SvgCharts.bars(t.get("stats.topSenders"), counts(r.topSenders()), "bar"),
                SvgCharts.bars(t.get("stats.topHeld"), counts(r.topHeldSenders()), "bar held"),
                SvgCharts.days(t.get("stats.trend"), r.days(), t.get("outcome.received"), t.get("outcome.hold")));
    }

    /** Confirms within seconds (median), or more than half of its confirmations looked automated. */
    static boolean rubberStamping(StatisticsReport.DepartmentTiming d) {
        return d.decisions() > 0 && (d.medianSeconds() < RUBBER_STAMP_SECONDS || d.automated() * 2 > d.decisions());
    }

    private static List<SvgCharts.Bar> counts(List<StatisticsReport.Count> counts) {
        return counts.stream().map(c -> new SvgCharts.Bar(c.label(), c.count(), String.valueOf(c.count()))).toList();
    }
}
