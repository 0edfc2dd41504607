package com.misdeliveryguard.directory.testing;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.directory.store.ContactEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link ContactEntry} fixtures: {@code Contacts.entry("tanaka@aoba.co.jp").name("田中 太郎").build()}. */
public final class Contacts {

    private final MailAddress address;
    private Optional<PersonName> name = Optional.empty();
    private Optional<PersonName> reading = Optional.empty();
    private Optional<OrganizationName> organization = Optional.empty();
    private Optional<String> department = Optional.empty();
    private final List<MailAddress> aliases = new ArrayList<>();
    private SourceId source = new SourceId("test.csv");

    private Contacts(String address) {
        this.address = MailAddress.of(address);
    }

    public static Contacts entry(String address) {
        return new Contacts(address);
    }

    public Contacts name(String name) {
        this.name = Optional.of(PersonName.of(name));
        return this;
    }

    public Contacts reading(String reading) {
        this.reading = Optional.of(PersonName.of(reading));
        return this;
    }

    public Contacts organization(String organization) {
        this.organization = Optional.of(OrganizationName.of(organization));
        return this;
    }

    public Contacts department(String department) {
        this.department = Optional.of(department);
        return this;
    }

    public Contacts alias(String alias) {
        aliases.add(MailAddress.of(alias));
        return this;
    }

    public Contacts source(String source) {
        this.source = new SourceId(source);
        return this;
    }

    public ContactEntry build() {
        return new ContactEntry(address, name, reading, organization, department, aliases, source);
    }
}
