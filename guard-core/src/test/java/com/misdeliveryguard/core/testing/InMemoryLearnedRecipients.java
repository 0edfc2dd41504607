package com.misdeliveryguard.core.testing;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LearnedRecipients} in a map, for tests. */
public final class InMemoryLearnedRecipients implements LearnedRecipients {

    private final Map<String, LearnedRecipient> learned = new ConcurrentHashMap<>();

    /** Learns {@code recipient} for {@code sender} now. */
    public InMemoryLearnedRecipients with(String sender, String recipient) {
        learn(new LearnedRecipient(MailAddress.of(sender), MailAddress.of(recipient), Instant.parse("2025-03-01T00:00:00Z"),
                Optional.empty()));
        return this;
    }

    @Override
    public void learn(LearnedRecipient recipient) {
        learned.put(key(recipient.sender(), recipient.recipient()), recipient);
    }

    @Override
    public Optional<LearnedRecipient> find(MailAddress sender, MailAddress recipient) {
        return Optional.ofNullable(learned.get(key(sender, recipient)));
    }

    @Override
    public List<LearnedRecipient> learnedBy(MailAddress sender, int limit) {
        List<LearnedRecipient> result = new ArrayList<>(learned.values().stream()
                .filter(l -> ContactAddresses.key(l.sender()).equals(ContactAddresses.key(sender))).toList());
        result.sort(Comparator.comparing(LearnedRecipient::learnedAt).reversed());
        return result.subList(0, Math.min(limit, result.size()));
    }

    @Override
    public boolean forget(MailAddress sender, MailAddress recipient) {
        return learned.remove(key(sender, recipient)) != null;
    }

    private static String key(MailAddress sender, MailAddress recipient) {
        return ContactAddresses.key(sender) + " " + ContactAddresses.key(recipient);
    }
}
