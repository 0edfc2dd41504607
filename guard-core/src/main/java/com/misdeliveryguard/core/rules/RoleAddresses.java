package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Internal role and mailing-list addresses ({@code info@}, {@code sales-all@}, {@code ml-project@}) that
 * {@code internal-address-typo} never treats as a typo of a colleague's address, even when the directory
 * does not list them. Patterns are globs over the address, {@code *} for any run of characters; a pattern
 * ending in {@code @} matches that local part at any domain ({@code info@} = {@code info@*}). Compared
 * without case.
 *
 * @param patterns the globs as configured
 */
public record RoleAddresses(List<String> patterns) {

    /** {@code guard.policy.role-addresses} when unset. */
    public static final List<String> DEFAULT_PATTERNS = List.of("info@", "*-all@", "all-*@", "all@", "*-ml@", "ml-*@",
            "*-team@", "*-group@", "*-list@", "support@", "sales@", "admin@", "postmaster@", "abuse@", "noreply@",
            "no-reply@", "webmaster@", "hr@", "soumu@", "jinji@", "keiri@", "somu@");

    public RoleAddresses {
        patterns = patterns.stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList();
        for (String pattern : patterns) {
            if (!pattern.contains("@")) {
                throw new IllegalArgumentException("role-address pattern '" + pattern
                        + "' needs an @ (e.g. info@ or *-all@example.co.jp)");
            }
        }
    }

    public static RoleAddresses defaults() {
        return new RoleAddresses(DEFAULT_PATTERNS);
    }

    /** True when the address matches one of the patterns. */
    public boolean matches(MailAddress address) {
        String text = address.toString().toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            String glob = pattern.endsWith("@") ? pattern + "*" : pattern;
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            if (text.matches(regex.toString())) {
                return true;
            }
        }
        return false;
    }
}
