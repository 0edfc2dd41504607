package com.misdeliveryguard.app.audit;

import java.util.List;
import java.util.Optional;

/**
 * One page of the message view, newest first, with keyset cursors.
 *
 * @param messages the messages
 * @param newer    cursor for the page of newer messages ({@code after=}), if there is one
 * @param older    cursor for the page of older messages ({@code before=}), if there is one
 */
public record MessagePage(List<MessageSummary> messages, Optional<Long> newer, Optional<Long> older) {

    public MessagePage {
        messages = List.copyOf(messages);
    }
}
