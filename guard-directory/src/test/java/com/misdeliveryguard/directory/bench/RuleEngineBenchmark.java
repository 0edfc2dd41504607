package com.misdeliveryguard.directory.bench;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.core.rules.RuleEngine;
import com.misdeliveryguard.core.rules.RuleIds;
import com.misdeliveryguard.core.thread.InMemoryThreadHistory;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.directory.history.CachedSenderHistory;
import com.misdeliveryguard.directory.history.JdbcSenderHistory;
import com.misdeliveryguard.directory.learned.CachedLearnedRecipients;
import com.misdeliveryguard.directory.learned.JdbcLearnedRecipients;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * One verdict of the rule engine for a 10-recipient message, against the benchmark directory
 * (1,000,000 contacts, 100,000 organizations and known domains, H2) through the real JDBC store, the
 * Caffeine-cached directory, cached learned recipients and the cached JDBC sender history (issue 10), with the
 * default policy (every rule of SPEC §5 but {@code external-attachment}, the rules of issue 10 included).
 *
 * <p>Each of {@value #MESSAGES} messages goes to one external company: three To recipients with their
 * display names, three Cc, two internal Cc (one with a typo: {@code internal-address-typo}), a Bcc at the company's domain that is no contact
 * ({@code unknown-at-known-org}) and a Bcc at a domain one letter off the company's ({@code lookalike-domain});
 * the body opens with {@code 株式会社サンプルN商事 営業部 田中様}, a file {@code 御見積書_サンプルN商事様.pdf} is
 * attached and the message replies to the previous one. With {@code -Dbench.rules=baseline} (in the forked JVM's
 * arguments) the sender history and the two rules of issue 10 are left out, for a comparison in the same run. The caches are warm (every message checked
 * twice before measuring): this is the cost of a verdict on a busy day, not of a cold start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEngineBenchmark {

    static final int MESSAGES = 1_000;

    private JdbcConnectionPool pool;
    private CachedContactDirectory directory;
    private RuleEngine engine;
    private Envelope[] envelopes;
    private MessageFacts[] facts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchData.ensureDatabase();
        pool = BenchData.pool();
        JdbcDirectoryStore store = JdbcDirectoryStore.builder(pool).internalDomains(BenchData.INTERNAL).build();
        // an hour: on a loaded machine the set-up alone can outlast the default five minutes
        directory = CachedContactDirectory.builder(store).internalDomains(BenchData.INTERNAL)
                .expireAfterWrite(Duration.ofHours(1)).build();
        boolean baseline = "baseline".equals(System.getProperty("bench.rules"));
        engine = RuleEngine.builder(directory)
                .learnedRecipients(new CachedLearnedRecipients(new JdbcLearnedRecipients(pool)))
                .threadHistory(new InMemoryThreadHistory(100_000))
                .senderHistory(baseline ? SenderHistory.NONE : senderHistory())
                .policy(baseline ? Policy.builder().disable(RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)
                        .disable(RuleIds.INTERNAL_ADDRESS_TYPO).build() : Policy.defaults())
                .build();
        System.out.println(baseline ? "baseline: without the sender history and the two rules of issue 10"
                : "every rule, with the sender history");
        envelopes = new Envelope[MESSAGES];
        facts = new MessageFacts[MESSAGES];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < MESSAGES; i++) {
            message(i, 1 + random.nextInt(BenchData.ORGANIZATIONS - 1));
        }
        long start = System.nanoTime();
        Verdict first = null;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < MESSAGES; i++) {
                Verdict verdict = engine.check(envelopes[i], facts[i]);
                first = first == null ? verdict : first;
            }
        }
        System.out.printf("%nwarmed %,d messages in %,d ms; verdict of the first: %s %s%n", MESSAGES,
                (System.nanoTime() - start) / 1_000_000, first.action(),
                first.findings().stream().map(f -> f.ruleId()).toList());
    }

    /**
     * The sender's history in {@code dir_sender_history} (JDBC, cached as in the application): the two colleagues
     * in Cc five times each, and 200 customers of the directory three times each — so the history answers with a
     * full page of correspondents and {@code namesake-of-usual-recipient} compares every external recipient
     * with the usual colleagues 田中 and 鈴木.
     */
    private SenderHistory senderHistory() throws Exception {
        MailAddress sender = MailAddress.of(BenchData.address(0, 9));
        try (var connection = pool.getConnection(); var delete = connection.prepareStatement(
                "DELETE FROM dir_sender_history WHERE sender_key = ?")) {
            delete.setString(1, com.misdeliveryguard.core.directory.ContactAddresses.key(sender));
            delete.executeUpdate();
        }
        Instant now = Instant.now();
        JdbcSenderHistory store = new JdbcSenderHistory(pool, 500, Duration.ofDays(180), Clock.systemUTC());
        for (int colleague = 0; colleague < 2; colleague++) {
            for (int i = 0; i < 5; i++) {
                store.record(sender, MailAddress.of(BenchData.address(0, colleague)), now);
            }
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int customer = 0; customer < 200; customer++) {
            MailAddress address = MailAddress.of(BenchData.address(1 + random.nextInt(BenchData.ORGANIZATIONS - 1),
                    random.nextInt(BenchData.CONTACTS_PER_ORGANIZATION)));
            for (int i = 0; i < 3; i++) {
                store.record(sender, address, now);
            }
        }
        return new CachedSenderHistory(store);
    }

    private void message(int index, int organization) {
        String domain = BenchData.domain(organization);
        List<HeaderAddress> to = new ArrayList<>();
        List<HeaderAddress> cc = new ArrayList<>();
        List<MailAddress> bcc = new ArrayList<>();
        List<MailAddress> recipients = new ArrayList<>();
        for (int person = 0; person < 6; person++) {
            MailAddress address = MailAddress.of(BenchData.address(organization, person));
            String[] surname = BenchData.SURNAMES[(organization + person) % BenchData.SURNAMES.length];
            String[] given = BenchData.GIVEN[(organization * 7 + person) % BenchData.GIVEN.length];
            (person < 3 ? to : cc).add(new HeaderAddress(person < 3 ? surname[0] + " " + given[0] : "",
                    address.toString(), Optional.of(address)));
            recipients.add(address);
        }
        for (int colleague = 0; colleague < 2; colleague++) {
            // the second colleague's address has a typo: internal-address-typo compares it with the colleagues
            MailAddress internal = MailAddress.of(colleague == 0 ? BenchData.address(0, colleague)
                    : BenchData.address(0, colleague).replace("user1.", "usr1."));
            cc.add(new HeaderAddress("", internal.toString(), Optional.of(internal)));
            recipients.add(internal);
        }
        bcc.add(MailAddress.of("nobody." + organization + "@" + domain));
        bcc.add(MailAddress.of("user1." + organization + "@sample" + organization + "-shouji.co.jp"));
        recipients.addAll(bcc);
        MailAddress sender = MailAddress.of(BenchData.address(0, 9));
        envelopes[index] = new Envelope(ReversePath.of(sender), recipients, Optional.of("sender"), "192.0.2.1",
                "pc.example", true, true, Instant.parse("2025-04-01T01:00:00Z"));
        String surname = BenchData.SURNAMES[organization % BenchData.SURNAMES.length][0];
        String company = "株式会社サンプル" + organization + "商事";
        facts[index] = new MessageFacts(Optional.of(new HeaderAddress("", sender.toString(), Optional.of(sender))), to,
                cc, bcc, "【お見積り】" + company + "様 " + index, List.of("御見積書_サンプル" + organization + "商事様.pdf"),
                Optional.of("bench-" + index + "@sample0-shoji.co.jp"),
                index == 0 ? List.of() : List.of("bench-" + (index - 1) + "@sample0-shoji.co.jp"), List.of(),
                company + "\n営業部 " + surname + "様\nいつもお世話になっております。\nお見積書をお送りいたします。",
                List.of());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%naddress cache %s%n", directory.addressCacheStats());
        pool.dispose();
    }

    @Benchmark
    public Verdict verdictForTenRecipientsWarm() {
        int i = next;
        next = (i + 1) % MESSAGES;
        return engine.check(envelopes[i], facts[i]);
    }
}
