package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.AuditFilter;
import com.misdeliveryguard.app.audit.AuditPage;
import com.misdeliveryguard.app.audit.AuditProperties;
import com.misdeliveryguard.app.audit.AuditQueries;
import com.misdeliveryguard.app.audit.AuditStatistics;
import com.misdeliveryguard.app.audit.ChainCheck;
import com.misdeliveryguard.app.audit.MessagePage;
import com.misdeliveryguard.app.audit.MessageQueries;
import com.misdeliveryguard.app.audit.StatisticsReport;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.console.ConsoleLanguage;
import com.misdeliveryguard.app.console.ConsoleTexts;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.Verification;
import com.misdeliveryguard.core.directory.ContactDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditor console's pages (GET only; AUDITOR or ADMIN): the messages (one row each, the default
 * view), the events (one row per entry), a message's history starting with its summary,
 * the statistics and the chain verification. Every page view is logged as an {@code audit-access} entry.
 */
@Controller
class ConsoleController {

    private final AuditQueries queries;
    private final AuditStatistics statistics;
    private final ChainCheck chainCheck;
    private final AccessLog accessLog;
    private final AuditProperties properties;
    private final Clock clock;
    private final EntryViews views;
    private final MessageQueries messages;
    private final HoldQueries holds;
    private final MessageViews messageViews;

    ConsoleController(AuditQueries queries, MessageQueries messages, Optional<ContactDirectory> directory,
            HoldQueries holds, AuditStatistics statistics, ChainCheck chainCheck, AccessLog accessLog, AuditProperties properties,
            Clock clock) {
        this.queries = queries;
        this.messages = messages;
        this.holds = holds;
        this.messageViews = new MessageViews(properties.timeZone(), directory);
        this.statistics = statistics;
        this.chainCheck = chainCheck;
        this.accessLog = accessLog;
        this.properties = properties;
        this.clock = clock;
        this.views = new EntryViews(properties.timeZone());
    }

    /** The default view: one row per message. */
    @GetMapping("/audit")
    String messages(FilterForm form, @RequestParam Optional<Long> before, @RequestParam Optional<Long> after,
            Model model, HttpServletRequest request) {
        ConsoleTexts t = ConsoleLanguage.of(request);
        model.addAttribute("form", form);
        model.addAttribute("zone", properties.timeZone().getId());
        MessagePage page;
        try {
            page = messages.page(form.toFilter(properties.timeZone()), before, after, properties.pageSize());
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            page = new MessagePage(List.of(), Optional.empty(), Optional.empty());
        }
        model.addAttribute("messages", page.messages().stream().map(m -> messageViews.view(m, t)).toList());
        model.addAttribute("newerUrl", page.newer().map(s -> link("/audit", form, "after", s)).orElse(null));
        model.addAttribute("olderUrl", page.older().map(s -> link("/audit", form, "before", s)).orElse(null));
        model.addAttribute("csvUrl", link("/audit/export.csv", form, null, 0));
        accessLog.viewed(request, "messages", logged(form, before, after));
        return "audit/messages";
    }

    /** One row per entry; console access entries only when asked for ({@code access=true} or that outcome). */
    @GetMapping("/audit/events")
    String list(FilterForm form, @RequestParam Optional<Long> before, @RequestParam Optional<Long> after,
            @RequestParam(defaultValue = "false") boolean access, Model model, HttpServletRequest request) {
        model.addAttribute("form", form);
        model.addAttribute("access", access);
        model.addAttribute("zone", properties.timeZone().getId());
        AuditPage page;
        try {
            AuditFilter filter = form.toFilter(properties.timeZone());
            page = queries.page(filter, before, after, properties.pageSize(), access);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            page = new AuditPage(List.of(), Optional.empty(), Optional.empty());
        }
        String path = access ? "/audit/events?access=true" : "/audit/events";
        model.addAttribute("entries", page.entries().stream().map(views::view).toList());
        model.addAttribute("newerUrl", page.newer().map(s -> link(path, form, "after", s)).orElse(null));
        model.addAttribute("olderUrl", page.older().map(s -> link(path, form, "before", s)).orElse(null));
        model.addAttribute("csvUrl", link("/audit/export.csv", form, null, 0));
        accessLog.viewed(request, "list", logged(form, before, after));
        return "audit/list";
    }

    private static Map<String, String> logged(FilterForm form, Optional<Long> before, Optional<Long> after) {
        Map<String, String> logged = new java.util.LinkedHashMap<>(form.parameters());
        before.ifPresent(b -> logged.put("before", b.toString()));
        after.ifPresent(a -> logged.put("after", a.toString()));
        return logged;
    }

    private static String link(String path, FilterForm form, String cursor, long seq) {
        UriComponentsBuilder b = ServletUriComponentsBuilder.fromPath(path);
        form.parameters().forEach(b::queryParam);
        if (cursor != null) {
            b.queryParam(cursor, seq);
        }
        return b.encode().build().toUriString();
    }

    @GetMapping("/audit/messages/{queueId}")
    String history(@PathVariable String queueId, Model model, HttpServletRequest request) {
        List<LogEntry> entries = messages.history(queueId);
        model.addAttribute("queueId", queueId);
        model.addAttribute("summary", messages.find(queueId).map(m -> messageViews.view(m,
                ConsoleLanguage.of(request))).orElse(null));
        model.addAttribute("entries", entries.stream().map(views::view).toList());
        accessLog.viewed(request, "history", Map.of("queueId", queueId));
        return "audit/history";
    }

    @GetMapping("/audit/statistics")
    String statistics(@RequestParam Optional<String> from, @RequestParam Optional<String> to, Model model,
            HttpServletRequest request) {
        LocalDate today = LocalDate.now(clock.withZone(properties.timeZone()));
        LocalDate end;
        LocalDate start;
        try {
            end = to.filter(s -> !s.isBlank()).map(LocalDate::parse).orElse(today);
            start = from.filter(s -> !s.isBlank()).map(LocalDate::parse).orElse(end.minusDays(29));
        } catch (DateTimeParseException e) {
            model.addAttribute("error", "Dates are written 2025-04-01");
            end = today;
            start = today.minusDays(29);
        }
        if (start.isAfter(end) || start.plusDays(731).isBefore(end)) {
            model.addAttribute("error", "The period must run forwards and be at most two years");
            start = end.minusDays(29);
        }
        StatisticsReport report = statistics.report(start, end);
        model.addAttribute("report", report);
        model.addAttribute("charts", StatisticsCharts.of(report, ConsoleLanguage.of(request)));
        model.addAttribute("open", holds.openCount());
        accessLog.viewed(request, "statistics", Map.of("from", start.toString(), "to", end.toString()));
        return "audit/statistics";
    }

    @GetMapping("/audit/verify")
    String verify(Model model, HttpServletRequest request) {
        Verification v = chainCheck.verify();
        model.addAttribute("verification", v);
        accessLog.viewed(request, "verify", Map.of("result", v.intact() ? "intact" : "broken"));
        return "audit/verify";
    }
}
