package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Optional;

/** Names and organizations from the directory, for pages and mails; an unknown or unreadable entry is blank. */
public final class People {

    /** A person as the directory knows them. */
    public record Person(String address, String name, String organization, String department) {

        /** {@code 鈴木 花子 (みどり銀行 / 法人営業部) <suzuki@…>} with what is known. */
        public String line() {
            String affiliation = organization.isEmpty() ? "" : department.isEmpty() ? organization
                    : organization + " / " + department;
            return (name.isEmpty() ? "" : name + " ") + (affiliation.isEmpty() ? "" : "(" + affiliation + ") ")
                    + "<" + address + ">";
        }
    }

    private final ContactDirectory directory;

    People(ContactDirectory directory) {
        this.directory = directory;
    }

    public Person of(String address) {
        Optional<Contact> contact;
        try {
            contact = directory.contactByAddress(MailAddress.parse(address));
        } catch (RuntimeException | com.misdeliveryguard.core.mail.InvalidAddressException e) {
            contact = Optional.empty();
        }
        return new Person(address, contact.flatMap(Contact::name).map(PersonName::display).orElse(""),
                contact.flatMap(Contact::organization).map(o -> o.name().display()).orElse(""),
                contact.flatMap(Contact::department).orElse(""));
    }
}
