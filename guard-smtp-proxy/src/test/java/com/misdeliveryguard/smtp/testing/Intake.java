package com.misdeliveryguard.smtp.testing;

import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Clean mail gets its 250 before its intake records (the decision log's {@code received} and {@code verdict}
 * entries) are committed, and leaves {@code incoming/} once they are (ADR 0005). Tests that read those records
 * right after a submission wait for that first.
 */
public final class Intake {

    private Intake() {
    }

    /** Waits until the message has left {@code incoming/}: checked, its records committed, moved on. */
    public static String settled(Spool spool, String queueId) {
        Awaitility.await("records of " + queueId).atMost(Duration.ofSeconds(10))
                .until(() -> !spool.list(QueueState.INCOMING).contains(queueId));
        return queueId;
    }
}
