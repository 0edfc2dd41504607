package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.Checkpoints;
import com.misdeliveryguard.app.audit.Retention;
import com.misdeliveryguard.core.audit.Checkpoint;
import com.misdeliveryguard.core.audit.LogEntry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Actions on the log (ADMIN only, POST with CSRF): sign a checkpoint now, apply retention now. Each is logged. */
@Controller
@RequestMapping("/admin/audit")
class AdminAuditController {

    private final Checkpoints checkpoints;
    private final Retention retention;
    private final AccessLog accessLog;

    AdminAuditController(Checkpoints checkpoints, Retention retention, AccessLog accessLog) {
        this.checkpoints = checkpoints;
        this.retention = retention;
        this.accessLog = accessLog;
    }

    @PostMapping("/checkpoint")
    String checkpoint(HttpServletRequest request, RedirectAttributes redirect) {
        Optional<Checkpoint> signed = checkpoints.signHead();
        accessLog.acted(request, "audit-checkpoint", Map.of("signedEntry",
                signed.map(c -> String.valueOf(c.seq())).orElse("none (head already signed)")));
        redirect.addFlashAttribute("message", signed.map(c -> "Signed a checkpoint of entry " + c.seq() + ".")
                .orElse("The newest entry was already signed."));
        return "redirect:/audit/verify";
    }

    @PostMapping("/retention")
    String retention(HttpServletRequest request, RedirectAttributes redirect) {
        Optional<LogEntry> applied = retention.apply();
        accessLog.acted(request, "audit-retention", Map.of("retentionEntry",
                applied.map(e -> String.valueOf(e.seq())).orElse("none (nothing old enough)")));
        redirect.addFlashAttribute("message", applied.map(e -> "Retention applied: entry " + e.seq() + " records it.")
                .orElse("No entry is older than the retention period."));
        return "redirect:/audit/verify";
    }
}
