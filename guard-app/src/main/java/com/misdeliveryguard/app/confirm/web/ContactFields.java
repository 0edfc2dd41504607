package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.DirectoryRequest;
import com.misdeliveryguard.app.confirm.present.PlainText;

/**
 * The contact an administrator adds when approving a directory-entry request: name, organization
 * and department, each one plain line (at most 200 characters). {@link #prefilled} guesses them
 * from the request, for the administrator to correct.
 *
 * @param name         the person's name; never blank after {@link #orAddress}
 * @param organization the organization, may be empty
 * @param department   the department, may be empty
 */
record ContactFields(String name, String organization, String department) {

    ContactFields {
        name = PlainText.line(name, 200).strip();
        organization = PlainText.line(organization, 200).strip();
        department = PlainText.line(department, 200).strip();
    }

    /**
     * The fields as the request suggests them: the name the message gave the address, and the
     * sender's note read as {@code name / organization department} (the form the page asks for);
     * a note without {@code /} only supplies the name when the message gave none.
     */
    static ContactFields prefilled(DirectoryRequest request) {
        String note = request.note().strip();
        String name = request.displayName().strip();
        int slash = note.indexOf('/');
        if (slash < 0) {
            return new ContactFields(name.isEmpty() ? note : name, "", "");
        }
        String noted = note.substring(0, slash).strip();
        String rest = note.substring(slash + 1).strip();
        int space = rest.lastIndexOf(' ');
        String organization = space < 0 ? rest : rest.substring(0, space).strip();
        String department = space < 0 ? "" : rest.substring(space + 1).strip();
        return new ContactFields(noted.isEmpty() ? name : noted, organization, department);
    }

    /** These fields, with the address as the name when the name was left blank. */
    ContactFields orAddress(String address) {
        return name.isEmpty() ? new ContactFields(address, organization, department) : this;
    }
}
