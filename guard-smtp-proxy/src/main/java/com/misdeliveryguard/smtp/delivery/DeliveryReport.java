package com.misdeliveryguard.smtp.delivery;

import java.util.List;

/** The per-recipient results of one delivery attempt, in the order of the message's recipients. */
public record DeliveryReport(List<RecipientResult> results) {

    public DeliveryReport {
        results = List.copyOf(results);
    }
}
