package com.misdeliveryguard.directory.importer;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.directory.internal.SeenKeys;
import com.misdeliveryguard.directory.organization.FreeMailDomains;
import com.misdeliveryguard.directory.store.ContactEntry;
import com.misdeliveryguard.directory.store.DirectoryWriter;
import com.misdeliveryguard.directory.store.DomainClaim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validating sink of one import: checks and normalizes each raw row, reports bad ones with
 * their line, drops repeated addresses, and passes the good rows to the writer.
 */
final class ImportRun implements RowSink {

    private final String origin;
    private final SourceId source;
    private final DirectoryWriter writer;
    private final int maxProblemsListed;
    private final SeenKeys seen = new SeenKeys();
    private final FreeMailDomains freeMail = FreeMailDomains.defaults();
    /** Per domain: the organization its first row named, and that row's line ({@code [display, key, line]}). */
    private final Map<String, String[]> domainOwners = new HashMap<>();
    private final List<ImportProblem> problems = new ArrayList<>();
    private long problemCount;
    private long rowsRead;
    private long contactsAccepted;

    ImportRun(String origin, SourceId source, DirectoryWriter writer, int maxProblemsListed) {
        this.origin = origin;
        this.source = source;
        this.writer = writer;
        this.maxProblemsListed = maxProblemsListed;
    }

    @Override
    public void contact(RawContact raw) {
        rowsRead++;
        if (raw.addresses().isEmpty()) {
            problem(raw, "no e-mail address");
            return;
        }
        MailAddress address;
        try {
            address = ContactAddresses.normalize(raw.addresses().get(0));
        } catch (InvalidAddressException e) {
            problem(raw, "invalid e-mail address '" + raw.addresses().get(0) + "': " + e.getMessage());
            return;
        }
        List<MailAddress> aliases = new ArrayList<>();
        for (String alias : raw.addresses().subList(1, raw.addresses().size())) {
            try {
                aliases.add(ContactAddresses.normalize(alias));
            } catch (InvalidAddressException e) {
                problem(raw, "further address '" + alias + "' ignored: " + e.getMessage());
            }
        }
        ContactEntry entry;
        try {
            entry = new ContactEntry(address, PersonName.of(raw.name(), raw.family(), raw.given()),
                    PersonName.of(raw.reading(), raw.readingFamily(), raw.readingGiven()),
                    raw.organization().isEmpty() ? Optional.empty() : Optional.of(OrganizationName.of(raw.organization())),
                    Optional.of(raw.department()), aliases, source);
        } catch (IllegalArgumentException e) {
            problem(raw, e.getMessage() + " (" + address + ")");
            return;
        }
        long firstLine = seen.add(ContactAddresses.key(address), Math.max(1, raw.line()));
        if (firstLine != 0) {
            problem(raw, "duplicate address " + address + (raw.line() > 0 ? " (first at line " + firstLine + ")" : ""));
            return;
        }
        entry.organization().ifPresent(o -> checkOwner(raw, address, o));
        writer.put(entry);
        contactsAccepted++;
    }

    /**
     * Reports a row whose organization differs from the one an earlier row named for the same domain
     * (free-mail domains excepted): the import does not decide silently which name owns the domain.
     */
    private void checkOwner(RawContact raw, MailAddress address, OrganizationName organization) {
        DomainName domain = DomainName.of(address);
        if (freeMail.contains(domain)) {
            return;
        }
        String[] first = domainOwners.putIfAbsent(domain.ascii(), new String[] {organization.display(),
                organization.key(), String.valueOf(raw.line())});
        if (first != null && !first[1].equals(organization.key())) {
            problem(raw, "organization conflict at " + domain.unicode() + ": '" + organization.display()
                    + "' differs from '" + first[0] + "'" + (Long.parseLong(first[2]) > 0 ? " (line " + first[2] + ")"
                    : "") + "; the contact is imported, check which organization owns the domain");
        }
    }

    @Override
    public void domain(long line, String domain, String organization) {
        rowsRead++;
        if (organization == null || organization.isBlank()) {
            reject(line, "domain row @" + domain + " names no organization");
            return;
        }
        try {
            writer.claim(new DomainClaim(DomainName.of(domain), OrganizationName.of(organization)));
        } catch (IllegalArgumentException e) {
            reject(line, e.getMessage());
        }
    }

    @Override
    public void reject(long line, String reason) {
        problem(line, reason);
    }

    private void problem(RawContact raw, String reason) {
        problem(raw.locator().isEmpty() ? origin : origin + " " + raw.locator(), raw.line(), reason);
    }

    private void problem(long line, String reason) {
        problem(origin, line, reason);
    }

    private void problem(String file, long line, String reason) {
        problemCount++;
        if (problems.size() < maxProblemsListed) {
            problems.add(new ImportProblem(file, line, reason));
        }
    }

    SeenKeys seen() {
        return seen;
    }

    long rowsRead() {
        return rowsRead;
    }

    long contactsAccepted() {
        return contactsAccepted;
    }

    long problemCount() {
        return problemCount;
    }

    List<ImportProblem> problems() {
        return problems;
    }
}
