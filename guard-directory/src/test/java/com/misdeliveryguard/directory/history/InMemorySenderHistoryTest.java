package com.misdeliveryguard.directory.history;

import com.misdeliveryguard.core.history.InMemorySenderHistory;
import com.misdeliveryguard.core.history.SenderHistory;
import java.time.Clock;

class InMemorySenderHistoryTest implements SenderHistoryContract {

    @Override
    public SenderHistory history(int perSender, Clock clock) {
        return new InMemorySenderHistory(perSender, RETENTION, clock);
    }
}
