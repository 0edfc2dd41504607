package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.StatisticsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    static StatisticsCharts of(StatisticsReport r) {
        List<SvgCharts.Bar> decisions = new ArrayList<>();
        r.decisions().forEach((type, n) -> decisions.add(new SvgCharts.Bar(type, n,
                n + String.format(Locale.ROOT, " (%.0f%% of holds)", r.rate(type) * 100))));
        return new StatisticsCharts(
                SvgCharts.bars("Holds per rule", counts(r.holdsPerRule()), "bar"),
                SvgCharts.bars("What happened to held messages", decisions, "bar decision"),
                SvgCharts.bars("Median seconds to confirm, by department", r.departments().stream()
                        .map(d -> new SvgCharts.Bar(d.department(), d.medianSeconds(), String.format(Locale.ROOT,
                                "%.0f s median, %d confirmations, %d possibly automated", d.medianSeconds(),
                                d.decisions(), d.automated())))
                        .toList(), "bar timing"),
                SvgCharts.bars("Top senders", counts(r.topSenders()), "bar"),
                SvgCharts.bars("Top senders of held messages", counts(r.topHeldSenders()), "bar held"),
                SvgCharts.days("Messages per day", r.days()));
    }

    private static List<SvgCharts.Bar> counts(List<StatisticsReport.Count> counts) {
        return counts.stream().map(c -> new SvgCharts.Bar(c.label(), c.count(), String.valueOf(c.count()))).toList();
    }
}
