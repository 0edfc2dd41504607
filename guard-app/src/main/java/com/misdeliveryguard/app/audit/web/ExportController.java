package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.AuditFilter;
import com.misdeliveryguard.app.audit.AuditProperties;
import com.misdeliveryguard.app.audit.AuditQueries;
import com.misdeliveryguard.app.audit.ChainExport;
import com.misdeliveryguard.app.audit.MessageQueries;
import com.misdeliveryguard.app.audit.MessageSummary;
import com.misdeliveryguard.app.console.ConsoleLanguage;
import com.misdeliveryguard.app.console.ConsoleTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Downloads: the filtered list as CSV for people ({@code /audit/export.csv}) and the whole chain as
 * JSONL for verification ({@code /audit/export.jsonl}). Each export is logged before it is sent.
 */
@Controller
class ExportController {

    /** Column keys; the header row is their {@code csv.<key>} text in the reader's language. */
    private static final List<String> COLUMNS = List.of("seq", "time", "type", "queue_id", "sender", "subject",
            "recipients", "outcome", "rules", "organizations", "departments", "actor", "summary", "hash");
    private final AuditQueries queries;
    private final MessageQueries messages;
    private final ChainExport chainExport;
    private final AccessLog accessLog;
    private final AuditProperties properties;
    private final Clock clock;
    private final EntryViews views;

    ExportController(AuditQueries queries, MessageQueries messages, ChainExport chainExport, AccessLog accessLog, AuditProperties properties,
            Clock clock) {
        this.queries = queries;
        this.messages = messages;
        this.chainExport = chainExport;
        this.accessLog = accessLog;
        this.properties = properties;
        this.clock = clock;
        this.views = new EntryViews(properties.timeZone());
    }

    @GetMapping("/audit/export.csv")
    void csv(FilterForm form, HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditFilter filter = form.toFilter(properties.timeZone());
        accessLog.viewed(request, "export-csv", form.parameters());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"decision-log-" + stamp() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CsvWriter csv = new CsvWriter(out);
        csv.bom();
        ConsoleTexts t = ConsoleLanguage.of(request);
        csv.row(COLUMNS.stream().map(c -> t.get("csv." + c)).toList());
        Map<String, String> subjects = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > 1000;
            }
        };
        queries.forEach(filter, properties.exportLimit(), e -> {
            EntryView v = views.view(e);
            String subject = v.queueId().isEmpty() ? "" : subjects.computeIfAbsent(v.queueId(),
                    q -> messages.find(q).flatMap(MessageSummary::subject).orElse(""));
            csv.row(List.of(String.valueOf(v.seq()), v.time(), v.type(), v.queueId(), v.sender(), subject,
                    String.join(" ", v.recipients()), v.outcome(), String.join(" ", v.rules()),
                    String.join(" | ", v.organizations()), String.join(" | ", v.departments()), v.actor(), v.summary(),
                    v.hash()));
        });
        out.flush();
    }

    @GetMapping("/audit/export.jsonl")
    void jsonl(HttpServletRequest request, HttpServletResponse response) throws IOException {
        accessLog.viewed(request, "export-jsonl", Map.of());
        response.setContentType("application/x-ndjson; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"decision-log-" + stamp() + ".jsonl\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        chainExport.write(out);
        out.flush();
    }

    private String stamp() {
        return DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").format(clock.instant().atZone(properties.timeZone()));
    }
}
