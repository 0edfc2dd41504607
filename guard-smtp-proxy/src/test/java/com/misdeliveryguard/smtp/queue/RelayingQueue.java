package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.smtp.delivery.DeliveryReport;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.spool.Spool;
import java.time.Clock;

/** A delivery queue with one worker whose upstream takes every recipient, for tests of what comes before it. */
final class RelayingQueue {

    private RelayingQueue() {
    }

    static DeliveryQueue over(Spool spool, Clock clock) {
        return new DeliveryQueue(spool, message -> new DeliveryReport(message.recipients().stream()
                .map(r -> new RecipientResult(r, RecipientResult.Outcome.RELAYED, "250 2.0.0 Ok")).toList()),
                RetrySchedule.defaults(), TraceHeader.rfc5321("guard.test"), BounceComposer.rfc3464("guard.test", clock),
                RelayEvents.NONE, clock, 1);
    }
}
