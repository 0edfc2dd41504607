package com.misdeliveryguard.core.guard;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;

/** The guard of the relay-path milestone: every message is delivered. Replaced by the rule engine. */
public final class DeliverEverything implements Guard {

    @Override
    public Verdict check(Envelope envelope, MessageFacts facts) {
        return Verdict.deliver();
    }
}
