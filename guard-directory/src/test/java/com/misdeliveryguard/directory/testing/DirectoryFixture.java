package com.misdeliveryguard.directory.testing;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import java.util.List;

/** An H2 directory wired as the application wires it: store, cached lookup, importer. */
public final class DirectoryFixture implements AutoCloseable {

    public static final InternalDomains INTERNAL = InternalDomains.of(List.of("misdeli.example.jp"));

    private final TestDatabase database = TestDatabase.h2();
    public final JdbcDirectoryStore store = JdbcDirectoryStore.builder(database.dataSource())
            .internalDomains(INTERNAL).build();
    public final CachedContactDirectory directory = CachedContactDirectory.builder(store)
            .internalDomains(INTERNAL).build();
    public final DirectoryImporter importer = DirectoryImporter.builder(store)
            .afterChange(directory::invalidateAll).build();

    /** The contact with this address, which the test expects to be there. */
    public Contact contact(String address) {
        return directory.contactByAddress(MailAddress.of(address))
                .orElseThrow(() -> new AssertionError("no contact " + address));
    }

    @Override
    public void close() {
        database.close();
    }
}
