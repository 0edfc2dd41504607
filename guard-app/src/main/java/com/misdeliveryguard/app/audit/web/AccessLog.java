package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.AdminAction;
import com.misdeliveryguard.core.audit.AuditAccess;
import com.misdeliveryguard.core.audit.DecisionLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Records every look at the log and every admin action as entries of the log itself. */
@Component
class AccessLog {

    private final DecisionLog log;

    AccessLog(DecisionLog log) {
        this.log = log;
    }

    static Actor actor(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String name = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
        return Actor.of(name, request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    void viewed(HttpServletRequest request, String view, Map<String, String> parameters) {
        log.append(new AuditAccess(actor(request), view, parameters));
    }

    void acted(HttpServletRequest request, String action, Map<String, String> parameters) {
        log.append(new AdminAction(actor(request), action, Optional.empty(), parameters));
    }
}
