package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The domains that take part in a message: envelope sender, header From, envelope recipients, To and Cc. */
final class ThreadDomains {

    private ThreadDomains() {
    }

    static Set<DomainName> of(Envelope envelope, MessageFacts facts) {
        Set<DomainName> domains = new HashSet<>();
        envelope.sender().address().ifPresent(sender -> domains.add(DomainName.of(sender)));
        envelope.recipients().forEach(recipient -> domains.add(DomainName.of(recipient)));
        Stream.concat(facts.from().stream(), Stream.concat(facts.to().stream(), facts.cc().stream()))
                .map(HeaderAddress::address)
                .flatMap(Optional::stream)
                .map(DomainName::of)
                .forEach(domains::add);
        return domains;
    }
}
