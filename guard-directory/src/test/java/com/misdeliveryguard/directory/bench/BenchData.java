package com.misdeliveryguard.directory.bench;

import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The benchmark directory: 100,000 organizations with 10 contacts each (1,000,000 contacts), each
 * organization owning one {@code .co.jp} domain. Built once from a generated canonical CSV by the
 * real importer, which is timed and whose heap is sampled; later runs reuse the database.
 */
final class BenchData {

    static final int ORGANIZATIONS = 100_000;
    static final int CONTACTS_PER_ORGANIZATION = 10;
    static final Path DIRECTORY = Path.of(System.getProperty("bench.dir", "target/bench"));
    static final InternalDomains INTERNAL = InternalDomains.of(List.of("sample0-shoji.co.jp"));

    static final String[][] SURNAMES = {{"田中", "たなか"}, {"鈴木", "すずき"}, {"佐藤", "さとう"}, {"高橋", "たかはし"},
        {"伊藤", "いとう"}, {"渡辺", "わたなべ"}, {"山本", "やまもと"}, {"中村", "なかむら"}, {"小林", "こばやし"}, {"加藤", "かとう"}};
    static final String[][] GIVEN = {{"太郎", "たろう"}, {"花子", "はなこ"}, {"一郎", "いちろう"}, {"美咲", "みさき"},
        {"健", "けん"}, {"由美", "ゆみ"}, {"誠", "まこと"}, {"恵", "めぐみ"}, {"大輔", "だいすけ"}, {"陽子", "ようこ"}};

    private BenchData() {
    }

    static String domain(int organization) {
        return "sample" + organization + "-shoji.co.jp";
    }

    static String address(int organization, int person) {
        return "user" + person + "." + organization + "@" + domain(organization);
    }

    static String jdbcUrl() {
        return "jdbc:h2:file:" + DIRECTORY.toAbsolutePath().resolve("directory") + ";CACHE_SIZE=262144";
    }

    static JdbcConnectionPool pool() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl(), "sa", "");
        pool.setMaxConnections(16);
        return pool;
    }

    /**
     * Builds the database unless a complete one is there; returns the import report when it built one. A
     * database built by an earlier version is migrated to the current schema (V620 re-keys its names).
     */
    static ImportReport ensureDatabase() throws IOException {
        Path done = DIRECTORY.resolve("import.txt");
        if (Files.exists(done)) {
            System.out.println("benchmark directory exists: " + Files.readString(done));
            JdbcConnectionPool pool = pool();
            try {
                long start = System.nanoTime();
                int applied = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate()
                        .migrationsExecuted;
                System.out.printf("migrations applied: %d (%,d ms)%n", applied, (System.nanoTime() - start) / 1_000_000);
            } finally {
                pool.dispose();
            }
            return null;
        }
        Files.createDirectories(DIRECTORY);
        Files.deleteIfExists(DIRECTORY.resolve("directory.mv.db"));
        Path csv = writeCsv();
        JdbcConnectionPool pool = pool();
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            JdbcDirectoryStore store = JdbcDirectoryStore.builder(pool).internalDomains(INTERNAL).build();
            DirectoryImporter importer = DirectoryImporter.builder(store).build();
            System.gc();
            long before = usedHeap();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(usedHeap(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            ImportReport report = importer.importFile(csv);
            sampler.interrupt();
            System.gc();
            String figures = String.format("import of %,d rows (%,d MB CSV): %s; %,d ms; heap before %,d MB,"
                            + " peak sampled %,d MB, after GC %,d MB (max heap %,d MB)",
                    report.rowsRead(), Files.size(csv) >> 20, report.summary(), report.duration().toMillis(),
                    before >> 20, peak.get() >> 20, usedHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println(figures);
            Files.writeString(done, figures + System.lineSeparator());
            return report;
        } finally {
            pool.dispose();
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Path writeCsv() throws IOException {
        Path csv = DIRECTORY.resolve("contacts-1m.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("email,name,name_kana,organization,department\n");
            for (int organization = 0; organization < ORGANIZATIONS; organization++) {
                String name = "株式会社サンプル" + organization + "商事";
                for (int person = 0; person < CONTACTS_PER_ORGANIZATION; person++) {
                    String[] surname = SURNAMES[(organization + person) % SURNAMES.length];
                    String[] given = GIVEN[(organization * 7 + person) % GIVEN.length];
                    out.write(address(organization, person) + "," + surname[0] + " " + given[0] + "," + surname[1] + " "
                            + given[1] + "," + name + ",営業" + person + "課\n");
                }
            }
        }
        return csv;
    }
}
