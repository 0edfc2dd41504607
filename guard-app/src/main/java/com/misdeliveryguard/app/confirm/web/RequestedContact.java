package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.DirectoryRequest;
import com.misdeliveryguard.directory.importer.ContactReader;
import com.misdeliveryguard.directory.importer.RawContact;
import com.misdeliveryguard.directory.importer.RowSink;
import java.util.List;

/**
 * The one contact of an approved directory-entry request, as a source for the importer: the
 * requested address with the name, organization and department the administrator confirmed.
 */
final class RequestedContact implements ContactReader {

    private final DirectoryRequest request;
    private final ContactFields fields;

    RequestedContact(DirectoryRequest request, ContactFields fields) {
        this.request = request;
        this.fields = fields;
    }

    @Override
    public String origin() {
        return "directory request #" + request.id();
    }

    @Override
    public void read(RowSink sink) {
        sink.contact(new RawContact(0, "", List.of(request.address()), fields.name(), "", "", "", "", "",
                fields.organization(), fields.department()));
    }
}
