package com.misdeliveryguard.directory.bench;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lookups the rules make, on 1,000,000 contacts and 100,000 organizations in H2. "Warm" goes
 * through the Caffeine cache holding the 10,000 addresses and domains asked (a busy day's
 * recipients); "db" asks the store directly, as a cache miss does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DirectoryLookupBenchmark {

    private static final int WARM = 10_000;

    private JdbcConnectionPool pool;
    private JdbcDirectoryStore store;
    private CachedContactDirectory directory;
    private MailAddress[] warmAddresses;
    private DomainName[] warmDomains;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchData.ensureDatabase();
        pool = BenchData.pool();
        store = JdbcDirectoryStore.builder(pool).internalDomains(BenchData.INTERNAL).build();
        directory = CachedContactDirectory.builder(store).internalDomains(BenchData.INTERNAL).build();
        warmAddresses = new MailAddress[WARM];
        warmDomains = new DomainName[WARM];
        SplittableRandom pick = new SplittableRandom(7);
        for (int i = 0; i < WARM; i++) {
            int organization = pick.nextInt(BenchData.ORGANIZATIONS);
            warmAddresses[i] = MailAddress.of(BenchData.address(organization, pick.nextInt(10)));
            warmDomains[i] = DomainName.of(BenchData.domain(organization));
            directory.contactByAddress(warmAddresses[i]).orElseThrow();
            directory.organizationOwning(warmDomains[i]).orElseThrow();
        }
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%nheap used after warming %,d addresses and domains: %,d MB%n", WARM, used >> 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%nheap used at the end: %,d MB; address cache %s%n", used >> 20,
                directory.addressCacheStats());
        pool.dispose();
    }

    private int organization() {
        return random.nextInt(BenchData.ORGANIZATIONS);
    }

    @Benchmark
    public Optional<Contact> contactByAddressWarm() {
        return directory.contactByAddress(warmAddresses[random.nextInt(WARM)]);
    }

    @Benchmark
    public Optional<Organization> organizationOwningWarm() {
        return directory.organizationOwning(warmDomains[random.nextInt(WARM)]);
    }

    @Benchmark
    public Optional<Contact> contactByAddressDb() {
        return store.contactByAddressKey(ContactAddresses.key(
                MailAddress.of(BenchData.address(organization(), random.nextInt(10)))));
    }

    @Benchmark
    public Optional<Contact> unknownAddressDb() {
        return store.contactByAddressKey("nobody" + random.nextInt() + "@" + BenchData.domain(organization()));
    }

    @Benchmark
    public Optional<Organization> organizationOwningDb() {
        return store.organizationOwning(DomainName.of(BenchData.domain(organization())));
    }

    @Benchmark
    public List<Contact> contactsOfOrganizationDb() {
        return store.contactsOf(new OrganizationId(1 + organization()), 20);
    }

    @Benchmark
    public List<Contact> contactsNamedDb() {
        String[] surname = BenchData.SURNAMES[random.nextInt(BenchData.SURNAMES.length)];
        String[] given = BenchData.GIVEN[random.nextInt(BenchData.GIVEN.length)];
        return store.contactsByNameKey(TextKeys.nameKey(surname[0] + given[0]), 10);
    }

    @Benchmark
    public List<KnownDomain> knownDomainsNearDb() {
        String typo = "sanple" + organization() + "-shoji.co.jp";
        return store.knownDomainsWithKeys(DomainKeys.keysOf(typo), 200);
    }
}
