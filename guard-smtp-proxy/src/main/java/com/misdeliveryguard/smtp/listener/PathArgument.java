package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.subethamail.smtp.RejectException;

/**
 * The one parser for MAIL and RCPT arguments (RFC 5321 §4.1.1.2, §4.1.1.3, §4.1.2):
 * <pre>
 *   "FROM:" [SP] Reverse-path *( SP Mail-parameter )
 *   "TO:"   [SP] Forward-path *( SP Rcpt-parameter )
 *   Path    = "&lt;" Mailbox "&gt;"          ; A-d-l (source route) refused
 *   esmtp-param = esmtp-keyword ["=" esmtp-value]
 * </pre>
 * One optional space after the colon is tolerated, as most servers do. Everything else that
 * SubEthaSMTP would let through ({@code <<a@b>>}, comments, unclosed brackets, bare addresses) is refused.
 */
final class PathArgument {

    /** A parsed argument: the mailbox (empty for {@code <>}) and the ESMTP parameters, keys upper-case. */
    record Parsed(Optional<MailAddress> mailbox, Map<String, String> parameters) {
    }

    private PathArgument() {
    }

    /**
     * @param line    the whole command line
     * @param keyword {@code FROM:} or {@code TO:}
     * @param sender  true for MAIL (null path allowed, sender status codes)
     */
    static Parsed parse(String line, String keyword, boolean sender) throws RejectException {
        String code = sender ? "5.1.7" : "5.1.3";
        int verbEnd = line.indexOf(' ');
        String args = verbEnd < 0 ? "" : line.substring(verbEnd + 1);
        if (!args.toUpperCase(Locale.ROOT).startsWith(keyword)) {
            throw new RejectException(501, "5.5.4 Syntax: " + line.substring(0, Math.max(0, verbEnd)).toUpperCase(Locale.ROOT)
                    + " " + keyword + "<address>");
        }
        String rest = args.substring(keyword.length());
        if (rest.startsWith(" ")) {
            rest = rest.substring(1);
        }
        if (!rest.startsWith("<")) {
            throw new RejectException(501, code + " Syntax: the address must be enclosed in <>");
        }
        int close = rest.indexOf('>');
        if (close < 0) {
            throw new RejectException(501, code + " Syntax: unclosed <");
        }
        String inner = rest.substring(1, close);
        if (inner.indexOf('<') >= 0 || inner.indexOf(' ') >= 0 || inner.indexOf('(') >= 0) {
            throw new RejectException(501, code + " Syntax: malformed address");
        }
        Map<String, String> params = parameters(rest.substring(close + 1));
        if (inner.isEmpty()) {
            if (!sender) {
                throw new RejectException(501, "5.1.3 Syntax: empty recipient address");
            }
            return new Parsed(Optional.empty(), params);
        }
        try {
            return new Parsed(Optional.of(MailAddress.parse(inner)), params);
        } catch (InvalidAddressException e) {
            throw new RejectException(reply(e.problem()), replyText(e.problem(), code) + ": " + e.getMessage());
        }
    }

    private static Map<String, String> parameters(String text) throws RejectException {
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return params;
        }
        if (!text.startsWith(" ")) {
            throw new RejectException(501, "5.5.4 Syntax: junk after the address");
        }
        for (String param : text.substring(1).split(" ", -1)) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            if (!key.matches("[A-Za-z0-9][A-Za-z0-9-]*") || !value.matches("[\\x21-\\x3c\\x3e-\\x7e]*")
                    || (eq >= 0 && value.isEmpty())) {
                throw new RejectException(501, "5.5.4 Syntax: malformed parameter");
            }
            if (params.put(key.toUpperCase(Locale.ROOT), value) != null) {
                throw new RejectException(501, "5.5.4 Syntax: repeated parameter " + key);
            }
        }
        return params;
    }

    private static int reply(InvalidAddressException.Problem problem) {
        return problem == InvalidAddressException.Problem.SYNTAX ? 501 : 553;
    }

    private static String replyText(InvalidAddressException.Problem problem, String code) {
        return switch (problem) {
            case NON_ASCII -> "5.6.7 Non-ASCII address refused (no SMTPUTF8)";
            case ROUTING -> code + " Sender routing (%, !, second @, source route) is not accepted";
            case DOMAIN_LITERAL -> code + " Domain literals are not accepted";
            case QUOTED -> code + " Quoted local parts are not accepted";
            case TOO_LONG -> code + " Address too long";
            case SYNTAX -> code + " Bad address syntax";
        };
    }
}
