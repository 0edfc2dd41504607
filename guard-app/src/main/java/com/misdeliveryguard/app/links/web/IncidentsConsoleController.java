package com.misdeliveryguard.app.links.web;

import com.misdeliveryguard.app.audit.web.CsvWriter;
import com.misdeliveryguard.app.links.Incident;
import com.misdeliveryguard.app.links.Incidents;
import com.misdeliveryguard.app.links.LinksProperties;
import com.misdeliveryguard.app.links.SentMail;
import com.misdeliveryguard.app.links.Sending;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Incidents page (AUDITOR reads, ADMIN revokes and closes with a note), its CSV export,
 * {@code GET /api/v1/incidents}, and the list of sent messages with links where ADMIN revokes any
 * message's links. Roles come from the console's security rules: reading is GET, acting is POST.
 */
@Controller
class IncidentsConsoleController {

    private final Incidents incidents;
    private final SentMail sent;
    private final LinksProperties properties;

    IncidentsConsoleController(Incidents incidents, SentMail sent, LinksProperties properties) {
        this.incidents = incidents;
        this.sent = sent;
        this.properties = properties;
    }

    @GetMapping("/audit/incidents")
    String list(Model model) {
        model.addAttribute("incidents", incidents.list(200));
        model.addAttribute("zone", properties.timeZone().getId());
        model.addAttribute("t", LinkTexts.of("en", false, properties.timeZone()));
        return "links/incidents";
    }

    @GetMapping("/audit/incidents/{id}")
    String detail(@PathVariable long id, Model model, HttpServletResponse response) {
        Optional<Incident> incident = incidents.find(id);
        if (incident.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("incidents", List.of());
            model.addAttribute("zone", properties.timeZone().getId());
            model.addAttribute("t", LinkTexts.of("en", false, properties.timeZone()));
            return "links/incidents";
        }
        model.addAttribute("i", incident.get());
        model.addAttribute("t", LinkTexts.of("en", false, properties.timeZone()));
        return "links/incident";
    }

    @PostMapping("/audit/incidents/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) String note, Principal admin,
            HttpServletRequest request, RedirectAttributes redirect) {
        boolean closed = incidents.close(id, reporter(admin, request), note);
        redirect.addFlashAttribute("message", closed ? "Incident " + id + " closed." : "Incident " + id
                + " was already closed.");
        return "redirect:/audit/incidents/" + id;
    }

    @PostMapping("/audit/incidents/{id}/revoke")
    String revokeIncident(@PathVariable long id, Principal admin, HttpServletRequest request,
            RedirectAttributes redirect) {
        incidents.find(id).ifPresent(i -> redirect.addFlashAttribute("message", "Revoked: "
                + String.join(", ", incidents.revoke(i.sending(), List.of(), reporter(admin, request), "admin"))));
        return "redirect:/audit/incidents/" + id;
    }

    @GetMapping("/audit/sent")
    String sentList(Model model) {
        model.addAttribute("sendings", sent.recent(200));
        model.addAttribute("t", LinkTexts.of("en", false, properties.timeZone()));
        return "links/console-sent";
    }

    @PostMapping("/audit/sent/{queueId}/revoke")
    String revokeSent(@PathVariable String queueId, Principal admin, HttpServletRequest request,
            RedirectAttributes redirect) {
        sent.byQueueId(queueId).ifPresent(s -> redirect.addFlashAttribute("message", "Revoked for " + queueId + ": "
                + String.join(", ", incidents.revoke(s, List.of(), reporter(admin, request), "admin"))));
        return "redirect:/audit/sent";
    }

    @GetMapping("/audit/incidents.csv")
    void csv(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CsvWriter csv = new CsvWriter(writer);
        csv.bom();
        csv.row(List.of("incident", "state", "reported_at", "reporter_kind", "reporter", "background", "queue_id",
                "sender", "subject", "sent_at", "rules", "recipient", "name", "organization", "misdelivered",
                "revoked_at", "file", "sha256", "downloads", "first_download"));
        for (Incident i : incidents.list(10_000)) {
            for (Incident.RecipientState r : i.recipients()) {
                for (Incident.FileState f : r.files()) {
                    csv.row(List.of(Long.toString(i.id()), i.open() ? "open" : "closed", i.reportedAt().toString(),
                            i.reporterKind(), i.reporter(), i.background(), i.sending().queueId(), i.sending().sender(),
                            i.sending().subject(), i.sending().sentAt().toString(), String.join(" ", i.sending().rules()),
                            r.person().address(), r.person().name(), r.person().organization(),
                            Boolean.toString(i.named().contains(r.person().address())),
                            r.revokedAt().map(Object::toString).orElse(""), f.file().name(), f.file().sha256(),
                            Integer.toString(f.downloads().size()),
                            f.downloads().isEmpty() ? "" : f.downloads().get(0).toString()));
                }
            }
        }
        writer.flush();
    }

    @GetMapping("/api/v1/incidents")
    @ResponseBody
    ResponseEntity<List<Map<String, Object>>> api(@RequestParam(defaultValue = "200") int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Incident i : incidents.list(Math.max(1, Math.min(limit, 1000)))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("state", i.open() ? "open" : "closed");
            m.put("reportedAt", i.reportedAt().toString());
            m.put("reporter", Map.of("kind", i.reporterKind(), "name", i.reporter()));
            m.put("background", i.background());
            Sending s = i.sending();
            m.put("message", Map.of("queueId", s.queueId(), "sender", i.sender(), "subject", s.subject(),
                    "sentAt", s.sentAt().toString(), "expiresAt", s.expiresAt().toString(), "rules", s.rules()));
            m.put("misdeliveredTo", i.named());
            m.put("files", i.files().stream().map(f -> Map.of("name", f.name(), "size", f.size(), "sha256", f.sha256()))
                    .toList());
            m.put("recipients", i.recipients().stream().map(r -> {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("address", r.person().address());
                rm.put("name", r.person().name());
                rm.put("organization", r.person().organization());
                rm.put("department", r.person().department());
                rm.put("revokedAt", r.revokedAt().map(Object::toString).orElse(null));
                rm.put("files", r.files().stream().map(f -> Map.of("name", f.file().name(), "downloads",
                        f.downloads().stream().map(Object::toString).toList())).toList());
                return rm;
            }).toList());
            i.closedAt().ifPresent(c -> m.put("closed", Map.of("at", c.toString(), "by", i.closedBy().orElse(""),
                    "note", i.closeNote().orElse(""))));
            out.add(m);
        }
        return ResponseEntity.ok(out);
    }

    private static Incidents.Reporter reporter(Principal admin, HttpServletRequest request) {
        return new Incidents.Reporter("ADMIN", admin.getName(), request.getRemoteAddr(),
                Optional.ofNullable(request.getHeader("User-Agent")).orElse(""));
    }
}
