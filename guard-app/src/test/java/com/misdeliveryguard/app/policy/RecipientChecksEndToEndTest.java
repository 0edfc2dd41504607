package com.misdeliveryguard.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Through the real listener with the bundled demo directory and the default policy: a correct mail
 * to a known contact is delivered at once; a mail to the look-alike domain aoba-shoji.com (the
 * company is aoba-shoji.co.jp) is held and never reaches the upstream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RecipientChecksEndToEndTest {

    static final SmtpSink upstream = PolicyTestSupport.sink();

    @Autowired
    SmtpListener listener;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Held messages: their bytes are kept in the database (ADR 0012). */
    private long heldMessages() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hold_message", Long.class);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PolicyTestSupport.register(registry, "checks-e2e", upstream);
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void shouldDeliverCorrectMailAndHoldAMisdelivery() throws Exception {
        String correct = PolicyTestSupport.send(listener.port(), "tanaka@aoba-shoji.co.jp",
                PolicyTestSupport.named("田中 太郎", "tanaka@aoba-shoji.co.jp"), "お見積りの件",
                "あおば商事株式会社\r\n営業部 田中様\r\n\r\nいつもお世話になっております。\r\n");
        assertThat(correct).startsWith("250");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> submitted().size() == 1);
        assertThat(submitted().get(0).recipients()).containsExactly("<tanaka@aoba-shoji.co.jp>");

        String misdelivery = PolicyTestSupport.send(listener.port(), "tanaka@aoba-shoji.com",
                PolicyTestSupport.named("田中 太郎", "tanaka@aoba-shoji.com"), "お見積りの件",
                "あおば商事株式会社\r\n営業部 田中様\r\n\r\nいつもお世話になっております。\r\n");
        assertThat(misdelivery).startsWith("250");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heldMessages() == 1);
        Thread.sleep(500);
        assertThat(submitted()).as("the misdelivery never reaches the upstream").hasSize(1);
    }

    /** What the sender submitted, without the guard's own notices (sent with the null sender). */
    private static java.util.List<SmtpSink.Transaction> submitted() {
        return upstream.transactions().stream().filter(t -> !t.mailFrom().equals("<>")).toList();
    }
}
