package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.directory.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar guard-app.jar verify-audit FILE} verifies without starting the application and exits 0 or 1. */
class VerifyAuditJarIT {

    @Test
    void thePackagedJarVerifiesAnExportWithoutStartingTheApplication(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export.jsonl");
        try (TestDatabase db = TestDatabase.h2()) {
            AuditFixture f = new AuditFixture(db.dataSource(), dir, 3);
            for (int i = 0; i < 4; i++) {
                f.log.append(Events.access("auditor", i));
            }
            StringWriter out = new StringWriter();
            f.export.write(out);
            Files.writeString(export, out.toString());
        }
        Files.writeString(dir.resolve("key"), "test-key-0123456789abcdef0123456789");
        assertThat(run(dir, "verify-audit", export.toString(), "--key-file=" + dir.resolve("key")))
                .startsWith("0:").contains("intact: entries 1..4").doesNotContain("Tomcat");
        List<String> lines = Files.readAllLines(export);
        Files.write(export, lines.stream().map(l -> l.replace("\"seq\":2,", "\"seq\":2 ,").replace("auditor\"", "mallory\""))
                .toList());
        assertThat(run(dir, "--guard.audit.verify=" + export, "--guard.audit.checkpoint-key=test-key-0123456789abcdef0123456789"))
                .startsWith("1:").contains("BROKEN at entry 1 (ALTERED)");
    }

    private static String run(Path dir, String... args) throws Exception {
        String jar = System.getProperty("guard.jar");
        assertThat(jar).as("system property guard.jar (run with mvn verify)").isNotNull();
        assertThat(new File(jar)).isFile();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ":" + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
