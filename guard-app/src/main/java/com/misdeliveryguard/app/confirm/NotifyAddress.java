package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.relay.SmtpProperties;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the notification about a held message goes: to the envelope sender — or, when the client
 * authenticated, to that SMTP user's own address — never to the header From or Reply-To, which
 * the message's author wrote and which a misdirected or forged message could point anywhere.
 *
 * <ol>
 *   <li>authenticated, and the envelope sender is one of the user's configured addresses (or at a
 *       {@code *@domain} of theirs): the envelope sender;</li>
 *   <li>authenticated otherwise: the user's first configured address without a wildcard, else the
 *       user name when it is an address;</li>
 *   <li>not authenticated: the envelope sender; nobody for the null sender.</li>
 * </ol>
 */
final class NotifyAddress {

    private final List<SmtpProperties.User> users;

    NotifyAddress(List<SmtpProperties.User> users) {
        this.users = List.copyOf(users);
    }

    Optional<MailAddress> of(Envelope envelope) {
        Optional<MailAddress> sender = envelope.sender().address();
        if (envelope.authenticatedUser().isEmpty()) {
            return sender;
        }
        String name = envelope.authenticatedUser().get();
        Optional<SmtpProperties.User> user = users.stream().filter(u -> name.equals(u.name())).findFirst();
        List<String> addresses = user.map(SmtpProperties.User::addresses).orElse(List.of());
        if (sender.isPresent() && addresses.stream().anyMatch(a -> owns(a, sender.get()))) {
            return sender;
        }
        Optional<MailAddress> own = addresses.stream().filter(a -> !a.startsWith("*@")).map(NotifyAddress::parse)
                .flatMap(Optional::stream).findFirst();
        return own.or(() -> parse(name)).or(() -> sender);
    }

    private static boolean owns(String configured, MailAddress address) {
        String c = configured.toLowerCase(Locale.ROOT);
        return c.startsWith("*@") ? address.domain().equals(c.substring(2))
                : c.equals(address.toString().toLowerCase(Locale.ROOT));
    }

    private static Optional<MailAddress> parse(String text) {
        try {
            return Optional.of(MailAddress.parse(text.strip()));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }
}
