package com.misdeliveryguard.app.links;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Misdelivery reports ({@code guard.incidents.*}). A JavaBean rather than a record because a record
 * component cannot be called {@code notify}.
 */
@ConfigurationProperties("guard.incidents")
public class IncidentsProperties {

    /** The security officers' addresses: every reported misdelivery is mailed to them. */
    private List<String> notify = new ArrayList<>();

    public List<String> getNotify() {
        return notify;
    }

    public void setNotify(List<String> notify) {
        this.notify = notify == null ? new ArrayList<>() : new ArrayList<>(notify);
    }
}
