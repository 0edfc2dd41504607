package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.listener.SenderOwnership;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An authenticated user may use the MAIL FROM addresses listed for them in
 * {@code guard.smtp.auth.users[].addresses} ({@code *@domain} for a whole domain). The null sender
 * is refused: people do not send bounces. Local parts compare case-insensitively.
 */
final class ConfiguredSenderOwnership implements SenderOwnership {

    private final Map<String, List<String>> addresses;

    ConfiguredSenderOwnership(List<SmtpProperties.User> users) {
        this.addresses = users.stream().collect(Collectors.toUnmodifiableMap(SmtpProperties.User::name,
                u -> u.addresses().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList()));
    }

    @Override
    public boolean mayUse(String user, ReversePath sender) {
        if (sender.isNull()) {
            return false;
        }
        MailAddress address = sender.address().orElseThrow();
        String full = address.toString().toLowerCase(Locale.ROOT);
        return addresses.getOrDefault(user, List.of()).stream()
                .anyMatch(allowed -> allowed.equals(full) || allowed.equals("*@" + address.domain()));
    }
}
