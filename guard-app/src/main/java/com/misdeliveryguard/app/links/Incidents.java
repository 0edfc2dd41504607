package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.LinkEvent;
import com.misdeliveryguard.core.mail.MailAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocations and misdelivery reports (SPEC §6a). A report revokes the chosen recipients' links,
 * records the incident, mails it to {@code guard.incidents.notify} and logs it; everything about the
 * message (recipients with directory data, files with SHA-256, downloads, rules) is read back from the
 * link tables whenever the incident is shown, so the officer sees the state at that moment.
 */
public final class Incidents {

    private static final Logger log = LoggerFactory.getLogger(Incidents.class);

    /** Who acts: kind SENDER, RECIPIENT or ADMIN, their name (address or console user), IP and user agent. */
    public record Reporter(String kind, String name, String ip, String userAgent) {

        Actor actor() {
            return Actor.of(name, ip, userAgent);
        }
    }

    private final JdbcTemplate jdbc;
    private final LinkStore store;
    private final TransactionTemplate transactions;
    private final LinkJournal journal;
    private final People people;
    private final PlainMail mail;
    private final GeneratedMail queue;
    private final List<String> officers;
    private final String publicUrl;
    private final ZoneId zone;
    private final Clock clock;

    Incidents(JdbcTemplate jdbc, LinkStore store, TransactionTemplate transactions, LinkJournal journal, People people,
            PlainMail mail, GeneratedMail queue, List<String> officers, String publicUrl, ZoneId zone, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = transactions;
        this.journal = journal;
        this.people = people;
        this.mail = mail;
        this.queue = queue;
        this.officers = List.copyOf(officers);
        this.publicUrl = publicUrl;
        this.zone = zone;
        this.clock = clock;
    }

    /** Revokes these recipients' links (all the message's when empty); returns the addresses revoked now. */
    public List<String> revoke(Sending sending, List<String> recipients, Reporter by, String reason) {
        List<String> chosen = recipients.isEmpty()
                ? store.recipients(sending.queueId()).stream().map(Sending.Recipient::address).toList()
                : known(sending, recipients);
        List<String> revoked = store.revoke(sending.queueId(), chosen, by.kind() + " " + by.name(), reason,
                clock.instant());
        if (!revoked.isEmpty()) {
            journal.record(new LinkEvent(EventType.LINKS_REVOKED, Optional.of(sending.queueId()),
                    Optional.of(by.actor()), Downloads.sender(sending), revoked.stream().map(MailAddress::of).toList(),
                    "links of " + String.join(", ", revoked) + " revoked by " + by.kind().toLowerCase() + " " + by.name()
                            + " (" + reason + ")", Map.of("reason", reason, "kind", by.kind())));
        }
        return revoked;
    }

    /**
     * Reports a misdelivery: revokes the named recipients' links, records the incident, mails the officers.
     *
     * @param named recipients the report is about (all of the message's when empty)
     * @return the incident number
     */
    public long report(Sending sending, List<String> named, Reporter reporter, String background) {
        List<String> chosen = named.isEmpty()
                ? store.recipients(sending.queueId()).stream().map(Sending.Recipient::address).toList()
                : known(sending, named);
        String text = background == null ? "" : LinkStore.cut(background.strip(), 4000);
        revoke(sending, chosen, reporter, "misdelivery");
        Instant now = clock.instant();
        long id = transactions.execute(status -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(c -> {
                var ps = c.prepareStatement("INSERT INTO incident (queue_id, reported_at, reporter, reporter_kind, "
                        + "background, state) VALUES (?, ?, ?, ?, ?, 'OPEN')", new String[] {"id"});
                ps.setString(1, sending.queueId());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, LinkStore.cut(reporter.name(), 400));
                ps.setString(4, reporter.kind());
                ps.setString(5, text);
                return ps;
            }, key);
            long incident = key.getKey().longValue();
            chosen.forEach(a -> jdbc.update("INSERT INTO incident_recipient (incident_id, address) VALUES (?, ?)",
                    incident, a));
            return incident;
        });
        Incident incident = find(id).orElseThrow();
        journal.record(new LinkEvent(EventType.INCIDENT_REPORTED, Optional.of(sending.queueId()),
                Optional.of(reporter.actor()), Downloads.sender(sending), chosen.stream().map(MailAddress::of).toList(),
                "misdelivery #" + id + " reported by " + reporter.kind().toLowerCase() + " " + reporter.name(),
                facts(incident)));
        notifyOfficers(incident);
        return id;
    }

    /** Closes an open incident with a note; false when it is unknown or already closed. */
    public boolean close(long id, Reporter admin, String note) {
        Optional<Incident> incident = find(id);
        if (incident.isEmpty() || !incident.get().open()) {
            return false;
        }
        int n = jdbc.update("UPDATE incident SET state = 'CLOSED', closed_at = ?, closed_by = ?, close_note = ? "
                + "WHERE id = ? AND state = 'OPEN'", Timestamp.from(clock.instant()), admin.name(),
                LinkStore.cut(note == null ? "" : note.strip(), 4000), id);
        if (n == 1) {
            journal.record(new LinkEvent(EventType.INCIDENT_CLOSED, Optional.of(incident.get().sending().queueId()),
                    Optional.of(admin.actor()), Downloads.sender(incident.get().sending()), List.of(),
                    "misdelivery #" + id + " closed by " + admin.name(), Map.of("incident", id, "note",
                            note == null ? "" : note.strip())));
        }
        return n == 1;
    }

    public List<Incident> list(int limit) {
        return jdbc.queryForList("SELECT id FROM incident ORDER BY reported_at DESC, id DESC LIMIT " + limit, Long.class)
                .stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public Optional<Incident> find(long id) {
        return jdbc.query("SELECT * FROM incident WHERE id = ?", (rs, n) -> {
            Timestamp closed = rs.getTimestamp("closed_at");
            return new Object[] {rs.getString("queue_id"), rs.getTimestamp("reported_at").toInstant(),
                rs.getString("reporter"), rs.getString("reporter_kind"), rs.getString("background"),
                "OPEN".equals(rs.getString("state")), Optional.ofNullable(closed).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("closed_by")), Optional.ofNullable(rs.getString("close_note"))};
        }, id).stream().findFirst().flatMap(row -> store.sending((String) row[0]).map(sending -> {
            List<String> named = jdbc.queryForList("SELECT address FROM incident_recipient WHERE incident_id = ? "
                    + "ORDER BY address", String.class, id);
            @SuppressWarnings("unchecked")
            Incident incident = new Incident(id, sending, people.of(sending.sender()), (Instant) row[1], (String) row[2], (String) row[3],
                    (String) row[4], (Boolean) row[5], (Optional<Instant>) row[6], (Optional<String>) row[7],
                    (Optional<String>) row[8], named, states(sending), store.files(sending.queueId()));
            return incident;
        }));
    }

    /** Every recipient of a sending with directory data, revocation and per-file download times. */
    public List<Incident.RecipientState> states(Sending sending) {
        List<Sending.File> files = store.files(sending.queueId());
        List<Sending.Download> downloads = store.downloads(sending.queueId());
        List<Incident.RecipientState> out = new ArrayList<>();
        for (Sending.Recipient r : store.recipients(sending.queueId())) {
            List<Incident.FileState> perFile = files.stream().map(f -> new Incident.FileState(f, downloads.stream()
                    .filter(d -> d.recipientId() == r.id() && d.fileId() == f.id()).map(Sending.Download::at)
                    .toList())).toList();
            out.add(new Incident.RecipientState(people.of(r.address()), r.revokedAt(), perFile));
        }
        return out;
    }

    private List<String> known(Sending sending, List<String> addresses) {
        List<String> all = store.recipients(sending.queueId()).stream().map(Sending.Recipient::address).toList();
        return addresses.stream().filter(all::contains).distinct().toList();
    }

    private Map<String, Object> facts(Incident i) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("incident", i.id());
        facts.put("subject", i.sending().subject());
        facts.put("sentAt", i.sending().sentAt().toString());
        facts.put("files", LinkedVariants.describe(i.files()));
        facts.put("rules", i.sending().rules());
        facts.put("background", i.background());
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (Incident.RecipientState r : i.recipients()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", r.person().address());
            m.put("name", r.person().name());
            m.put("organization", r.person().organization());
            m.put("downloaded", r.files().stream().filter(f -> !f.downloads().isEmpty())
                    .map(f -> f.file().name() + " " + f.downloads().get(0)).toList());
            recipients.add(m);
        }
        facts.put("recipientStates", recipients);
        return facts;
    }

    private void notifyOfficers(Incident i) {
        if (officers.isEmpty()) {
            log.warn("Misdelivery #{} reported but guard.incidents.notify is empty: nobody is mailed", i.id());
            return;
        }
        String subject = "[誤送信報告 Misdelivery #" + i.id() + "] " + i.sending().subject();
        String text = IncidentText.of(i, publicUrl, zone);
        for (String officer : officers) {
            try {
                queue.send(mail.write(officer, subject, text), MailAddress.of(officer));
            } catch (Exception e) {
                log.error("Cannot queue the report of misdelivery #{} to {}", i.id(), officer, e);
            }
        }
    }

    static String time(Instant instant, ZoneId zone) {
        return Receipts.TIME.format(ZonedDateTime.ofInstant(instant, zone)) + " (" + zone.getId() + ")";
    }
}
