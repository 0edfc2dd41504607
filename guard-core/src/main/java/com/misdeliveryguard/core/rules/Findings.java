package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds findings and the phrases their explanations share. */
final class Findings {

    private Findings() {
    }

    static Finding about(ResolvedRecipient recipient, String ruleId, Severity severity, String ja, String en,
            Map<String, String> evidence) {
        return new Finding(ruleId, severity, Optional.of(recipient.address()), ja, en, evidence);
    }

    static Finding about(MailAddress recipient, String ruleId, Severity severity, String ja, String en,
            Map<String, String> evidence) {
        return new Finding(ruleId, severity, Optional.of(recipient), ja, en, evidence);
    }

    static Finding aboutMessage(String ruleId, Severity severity, String ja, String en, Map<String, String> evidence) {
        return new Finding(ruleId, severity, Optional.empty(), ja, en, evidence);
    }

    /** An ordered evidence map from key/value pairs; blank values are left out. */
    static Map<String, String> evidence(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    /** {@code 田中 太郎 <tanaka@aoba-shoji.co.jp>, あおば商事} — who a contact is, for explanations. */
    static String describe(Contact contact) {
        StringBuilder text = new StringBuilder();
        contact.name().ifPresent(name -> text.append(name.display()).append(' '));
        text.append('<').append(contact.address()).append('>');
        contact.organization().ifPresent(org -> text.append(", ").append(org.name().display()));
        return text.toString();
    }

    /** {@code 株式会社ひかり電機の近藤 修さん（kondo@hikari-denki.co.jp）} — who a contact is, in Japanese prose. */
    static String describeJa(Contact contact) {
        StringBuilder text = new StringBuilder();
        contact.organization().ifPresent(org -> text.append(org.name().display()).append("の"));
        contact.name().ifPresentOrElse(name -> text.append(name.display()).append("さん（").append(contact.address())
                .append("）"), () -> text.append(contact.address()));
        return text.toString();
    }

    static String name(Organization organization) {
        return organization.name().display();
    }

    /** Text from a message, shortened and stripped of line breaks, for an explanation. */
    static String quote(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() <= 80 ? flat : flat.substring(0, 79) + "…";
    }
}
