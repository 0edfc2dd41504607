package com.misdeliveryguard.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Policy from configuration: REJECT answers in the SMTP dialogue; SHADOW delivers and logs the would-be verdict. */
class RejectAndShadowPolicyTest {

    static final String LOOKALIKE = "tanaka@aoba-shoji.com";

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
    class RejectConfiguredForLookalikes {

        static final SmtpSink upstream = PolicyTestSupport.sink();

        @Autowired
        SmtpListener listener;

        @Autowired
        Spool spool;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            PolicyTestSupport.register(registry, "policy-reject", upstream);
            registry.add("guard.policy.rules.lookalike-domain.action", () -> "reject");
        }

        @AfterAll
        static void stop() throws Exception {
            upstream.close();
        }

        @Test
        void shouldRefuseInTheDialogueAndKeepNothing() throws Exception {
            String reply = PolicyTestSupport.send(listener.port(), LOOKALIKE, LOOKALIKE, "見積", "田中様\r\n");
            assertThat(reply).startsWith("550 5.7.1").contains("lookalike-domain");
            for (QueueState state : QueueState.values()) {
                assertThat(spool.count(state)).as(state.name()).isZero();
            }
            assertThat(upstream.transactions()).isEmpty();
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
    class ShadowMode {

        static final SmtpSink upstream = PolicyTestSupport.sink();

        @Autowired
        SmtpListener listener;

        @Autowired
        JdbcTemplate jdbc;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            PolicyTestSupport.register(registry, "policy-shadow", upstream);
            registry.add("guard.policy.mode", () -> "shadow");
        }

        @AfterAll
        static void stop() throws Exception {
            upstream.close();
        }

        @Test
        void shouldDeliverEverythingAndLogWhatWouldHaveBeenHeld() throws Exception {
            String reply = PolicyTestSupport.send(listener.port(), LOOKALIKE, LOOKALIKE, "見積", "田中様\r\n");
            assertThat(reply).startsWith("250");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> upstream.transactions().size() == 1);
            String details = jdbc.queryForObject(
                    "SELECT details FROM audit_entry WHERE event_type = 'verdict' ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY",
                    String.class);
            assertThat(details).contains("\"action\":\"DELIVER\"").contains("\"policyAction\":\"HOLD\"")
                    .contains("lookalike-domain");
        }
    }
}
