package com.misdeliveryguard.app.audit.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page of the console (the form posts to Spring Security's {@code /login}). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "audit/login";
    }
}
