package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.DirectoryRequest;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.AdminAction;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportMode;
import com.misdeliveryguard.directory.importer.ImportReport;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An administrator's decision about a directory-entry request, taken once.
 *
 * <ol>
 *   <li>The decision is claimed with a conditional UPDATE of the open request: of two decisions
 *       (two tabs, two administrators, two instances) exactly one proceeds; the others are
 *       {@link Outcome#ALREADY_DECIDED} and change nothing.</li>
 *   <li>An approval then adds the contact through the {@link DirectoryImporter} under the source
 *       {@value #SOURCE_NAME} in {@link ImportMode#MERGE} — it adds or updates this one contact
 *       and never removes any other (MIRROR would remove the source's earlier approvals). The
 *       importer empties the directory cache, so the next check of the address finds it. When the
 *       import does not take the contact, the claim is given back and the request stays open
 *       ({@link Outcome#NOT_ADDED}).</li>
 *   <li>Approvals and rejections go to the decision log as {@link AdminAction}s
 *       ({@code directory-request-approve} / {@code directory-request-reject}).</li>
 *   <li>A request for an address the hold found to be a look-alike ({@link #lookalikeOf}) is added
 *       under {@link SourceId#REQUESTS}, which never vouches for its domain: mail to it is still held.
 *       Only the administrator's explicit override adds it under {@link SourceId#REQUESTS_OVERRIDE}; the
 *       log entry then says {@code override=lookalike-domain} and which domain it resembles (ADR 0008).</li>
 * </ol>
 */
final class RequestDecisions {

    static final String SOURCE_NAME = SourceId.REQUESTS.value();
    private static final String LOOKALIKE = "lookalike-domain";
    private static final Logger log = LoggerFactory.getLogger(RequestDecisions.class);

    /** What a decision did. */
    enum Outcome { APPROVED, REJECTED, ALREADY_DECIDED, NOT_ADDED }

    private final HoldQueries queries;
    private final HoldStore store;
    private final DirectoryImporter importer;
    private final DecisionTrail trail;
    private final Clock clock;

    RequestDecisions(HoldQueries queries, HoldStore store, DirectoryImporter importer, DecisionTrail trail,
            Clock clock) {
        this.queries = queries;
        this.store = store;
        this.importer = importer;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * The known domain the requested address resembles, when the hold it came from had a
     * {@code lookalike-domain} finding about it.
     */
    Optional<String> lookalikeOf(DirectoryRequest request) {
        return queries.find(request.queueId()).stream().flatMap(hold -> hold.findings().stream())
                .filter(f -> f.ruleId().equals(LOOKALIKE))
                .filter(f -> f.recipient().map(Object::toString).filter(request.address()::equalsIgnoreCase).isPresent())
                .map(f -> f.evidence().getOrDefault("knownDomain", "")).findFirst();
    }

    /**
     * Approves the request and adds the contact with these fields.
     *
     * @param override the administrator explicitly overrides the look-alike warning (ignored otherwise)
     */
    Outcome approve(long id, ContactFields fields, Actor who, boolean override) {
        Optional<DirectoryRequest> request = queries.directoryRequest(id).filter(DirectoryRequest::isOpen);
        Instant at = clock.instant();
        if (request.isEmpty() || !store.decideDirectoryRequest(id, true, who.name(), at)) {
            return Outcome.ALREADY_DECIDED;
        }
        ContactFields contact = fields.orAddress(request.get().address());
        Optional<String> resembles = lookalikeOf(request.get());
        boolean overridden = override && resembles.isPresent();
        SourceId source = overridden ? SourceId.REQUESTS_OVERRIDE : SourceId.REQUESTS;
        ImportReport report = importer.run(new RequestedContact(request.get(), contact), source, ImportMode.MERGE);
        if (!report.imported() || report.problemCount() > 0) {
            store.reopenDirectoryRequest(id, at);
            log.warn("Directory request #{} stays open: the contact {} was not added ({})", id,
                    request.get().address(), report.summary());
            return Outcome.NOT_ADDED;
        }
        Map<String, String> logged = new java.util.LinkedHashMap<>(Map.of("request", Long.toString(id),
                "address", request.get().address(), "name", contact.name(), "organization", contact.organization(),
                "department", contact.department(), "source", source.value()));
        resembles.ifPresent(domain -> logged.put("resembles", domain));
        if (overridden) {
            logged.put("override", LOOKALIKE);
        }
        trail.record(new AdminAction(who, "directory-request-approve", Optional.of(request.get().queueId()), logged));
        return Outcome.APPROVED;
    }

    /** Rejects the request; the directory is not touched. */
    Outcome reject(long id, Actor who) {
        Optional<DirectoryRequest> request = queries.directoryRequest(id).filter(DirectoryRequest::isOpen);
        if (request.isEmpty() || !store.decideDirectoryRequest(id, false, who.name(), clock.instant())) {
            return Outcome.ALREADY_DECIDED;
        }
        trail.record(new AdminAction(who, "directory-request-reject", Optional.of(request.get().queueId()),
                Map.of("request", Long.toString(id), "address", request.get().address())));
        return Outcome.REJECTED;
    }
}
