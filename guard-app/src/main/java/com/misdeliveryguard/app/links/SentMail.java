package com.misdeliveryguard.app.links;

import com.misdeliveryguard.app.relay.SmtpProperties;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sender's side of a sent message: found by the private token of the receipt, or listed for a
 * signed-in SMTP user by the addresses configured for them ({@code *@domain} for a whole domain).
 */
public final class SentMail {

    /** One line of a sender's list, with the private page's path. */
    public record Line(Sending sending, String path) {
    }

    private final LinkStore store;
    private final LinkKeys keys;
    private final SmtpProperties smtp;

    SentMail(LinkStore store, LinkKeys keys, SmtpProperties smtp) {
        this.store = store;
        this.keys = keys;
        this.smtp = smtp;
    }

    public Optional<Sending> byToken(String token) {
        return LinkKeys.wellFormed(token) ? store.sendingBySenderToken(LinkKeys.hash(token)) : Optional.empty();
    }

    public Optional<Sending> byQueueId(String queueId) {
        return store.sending(queueId);
    }

    public List<Sending> recent(int limit) {
        return store.recentSendings(limit);
    }

    /** The newest messages a signed-in SMTP user sent with links. */
    public List<Line> of(String username) {
        List<String> patterns = smtp.auth().users().stream().filter(u -> username.equals(u.name())).findFirst()
                .map(SmtpProperties.User::addresses).orElse(List.of()).stream()
                .map(a -> a.toLowerCase(Locale.ROOT)).toList();
        List<String> exact = patterns.stream().filter(p -> !p.startsWith("*@")).toList();
        List<String> domains = patterns.stream().filter(p -> p.startsWith("*@")).map(p -> p.substring(1)).toList();
        List<Sending> found = new java.util.ArrayList<>(store.sendingsFrom(exact, 100));
        if (!domains.isEmpty()) {
            store.recentSendings(500).stream().filter(s -> domains.stream()
                    .anyMatch(d -> s.sender().toLowerCase(Locale.ROOT).endsWith(d)) && !found.contains(s))
                    .forEach(found::add);
        }
        found.sort((a, b) -> b.sentAt().compareTo(a.sentAt()));
        return found.stream().limit(100).map(s -> new Line(s, "/my/sent/" + keys.senderToken(s.queueId()))).toList();
    }
}
