package com.misdeliveryguard.core.testing;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ContactDirectory} in memory for tests, built from a canonical CSV
 * ({@code email,name,name_kana,organization,department}; {@code @domain} rows declare a domain). It keeps
 * the port's contract as the JDBC directory does: keyed lookups only (names by {@link TextKeys#nameKey},
 * organizations by {@link OrganizationName#key}, lookalikes by {@link DomainKeys#keysOf} — an index, no
 * scan), organizations own the domains of their contacts, internal domains are configured.
 */
public final class InMemoryDirectory implements ContactDirectory {

    private final Set<DomainName> internalDomains;
    private final Map<String, Contact> contactsByAddress = new LinkedHashMap<>();
    private final Map<String, List<Contact>> contactsByName = new HashMap<>();
    private final Map<DomainName, List<Contact>> contactsByDomain = new HashMap<>();
    private final Map<OrganizationId, List<Contact>> contactsByOrganization = new HashMap<>();
    private final Map<OrganizationId, Organization> organizations = new LinkedHashMap<>();
    private final Map<String, Organization> organizationsByName = new HashMap<>();
    private final Map<DomainName, Organization> organizationsByDomain = new HashMap<>();
    private final Map<DomainName, KnownDomain> knownDomains = new LinkedHashMap<>();
    private final Map<String, Set<DomainName>> lookalikeIndex = new HashMap<>();

    private InMemoryDirectory(Collection<String> internal, List<String[]> rows) {
        this.internalDomains = Set.copyOf(internal.stream().map(DomainName::of).toList());
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Set<DomainName>> domains = new LinkedHashMap<>();
        for (String[] row : rows) {
            if (!row[3].isBlank()) {
                String key = OrganizationName.keyOf(row[3]);
                names.putIfAbsent(key, row[3]);
                domains.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(DomainName.of(domainOf(row[0])));
            }
        }
        long id = 1;
        for (var entry : names.entrySet()) {
            List<DomainName> owned = List.copyOf(domains.get(entry.getKey()));
            boolean isInternal = owned.stream().anyMatch(this::isInternal);
            Organization organization = new Organization(new OrganizationId(id++), OrganizationName.of(entry.getValue()),
                    owned, isInternal);
            organizations.put(organization.id(), organization);
            organizationsByName.put(entry.getKey(), organization);
            owned.forEach(domain -> {
                organizationsByDomain.put(domain, organization);
                know(domain, Optional.of(organization));
            });
        }
        for (String[] row : rows) {
            if (!row[0].startsWith("@")) {
                add(row);
            }
        }
    }

    /** The directory of a canonical CSV on the test class path. */
    public static InMemoryDirectory fromCsv(String resource, Collection<String> internalDomains) {
        try (InputStream in = InMemoryDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return fromCsvText(new String(in.readAllBytes(), StandardCharsets.UTF_8), internalDomains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory of canonical CSV text (with its header line). */
    public static InMemoryDirectory fromCsvText(String csv, Collection<String> internalDomains) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = csv.replace("\uFEFF", "").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                List<String> fields = Csv.fields(lines[i]);
                while (fields.size() < 6) {
                    fields.add("");
                }
                rows.add(fields.subList(0, 6).toArray(String[]::new));
            }
        }
        return new InMemoryDirectory(internalDomains, rows);
    }

    /** The sample directory of the corpus, with {@code example.co.jp} internal. */
    public static InMemoryDirectory sample() {
        return fromCsv("/corpus/directory.csv", List.of("example.co.jp"));
    }

    private void add(String[] row) {
        MailAddress address;
        try {
            address = ContactAddresses.normalize(row[0]);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad address in test directory: " + row[0], e);
        }
        Optional<Organization> organization = row[3].isBlank() ? Optional.empty()
                : Optional.of(organizationsByName.get(OrganizationName.keyOf(row[3])));
        Optional<PersonName> name = row[1].isBlank() ? Optional.empty() : Optional.of(PersonName.of(row[1]));
        Optional<PersonName> reading = row[2].isBlank() ? Optional.empty() : Optional.of(PersonName.of(row[2]));
        DomainName domain = DomainName.of(address);
        Contact contact = new Contact(address, name, reading, organization.map(Organization::ref),
                row[4].isBlank() ? Optional.empty() : Optional.of(row[4].strip()), List.of(),
                isInternal(domain), new SourceId(row[5].isBlank() ? "directory.csv" : row[5].strip()), Instant.EPOCH);
        contactsByAddress.put(ContactAddresses.key(address), contact);
        contactsByDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(contact);
        organization.ifPresent(org -> contactsByOrganization.computeIfAbsent(org.id(), o -> new ArrayList<>()).add(contact));
        Set<String> keys = new LinkedHashSet<>();
        name.ifPresent(n -> {
            keys.add(n.key());
            n.familyKey().ifPresent(keys::add);
            n.givenKey().ifPresent(keys::add);
        });
        reading.ifPresent(r -> {
            keys.add(r.key());
            r.familyKey().ifPresent(keys::add);
        });
        keys.forEach(key -> contactsByName.computeIfAbsent(key, k -> new ArrayList<>()).add(contact));
        if (!knownDomains.containsKey(domain)) {
            know(domain, Optional.ofNullable(organizationsByDomain.get(domain)));
        }
    }

    private void know(DomainName domain, Optional<Organization> owner) {
        knownDomains.put(domain, new KnownDomain(domain, owner.map(Organization::ref)));
        for (String key : DomainKeys.keysOf(domain.ascii())) {
            lookalikeIndex.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(domain);
        }
    }

    private static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1);
    }

    @Override
    public Optional<Contact> contactByAddress(MailAddress address) {
        return Optional.ofNullable(contactsByAddress.get(ContactAddresses.key(address)));
    }

    @Override
    public Optional<Organization> organizationOwning(DomainName domain) {
        for (Optional<DomainName> name = Optional.of(domain); name.isPresent(); name = name.get().parent()) {
            Organization owner = organizationsByDomain.get(name.get());
            if (owner != null) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Organization> organizationNamed(String name) {
        String key = OrganizationName.keyOf(name);
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(organizationsByName.get(key));
    }

    @Override
    public Optional<Organization> organization(OrganizationId id) {
        return Optional.ofNullable(organizations.get(id));
    }

    @Override
    public List<Contact> contactsOf(OrganizationId organization, int limit) {
        return limit(contactsByOrganization.getOrDefault(organization, List.of()), limit);
    }

    @Override
    public List<Contact> contactsAtDomain(DomainName domain, int limit) {
        return limit(contactsByDomain.getOrDefault(domain, List.of()), limit);
    }

    @Override
    public List<Contact> contactsNamed(String name, int limit) {
        return limit(contactsByName.getOrDefault(TextKeys.nameKey(name), List.of()), limit);
    }

    @Override
    public Optional<KnownDomain> knownDomain(DomainName domain) {
        return Optional.ofNullable(knownDomains.get(domain));
    }

    @Override
    public List<KnownDomain> knownDomainsNear(DomainName domain, int limit) {
        Set<DomainName> near = new LinkedHashSet<>();
        for (String key : DomainKeys.keysOf(domain.ascii())) {
            near.addAll(lookalikeIndex.getOrDefault(key, Set.of()));
        }
        near.remove(domain);
        return near.stream().limit(limit).map(knownDomains::get).toList();
    }

    @Override
    public boolean isInternal(DomainName domain) {
        return internalDomains.stream().anyMatch(domain::isWithin);
    }

    /** Every contact, for tests that walk the sample. */
    public Collection<Contact> contacts() {
        return contactsByAddress.values();
    }

    private static <T> List<T> limit(List<T> list, int limit) {
        return List.copyOf(list.subList(0, Math.min(Math.max(0, limit), list.size())));
    }
}
