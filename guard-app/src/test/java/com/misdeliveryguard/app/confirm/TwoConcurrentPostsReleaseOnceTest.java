package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.confirm.hold.HoldState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two browser tabs (two sessions, each with its own CSRF token) post at the same instant: the
 * conditional state change lets exactly one of them act, and the message is delivered once.
 */
class TwoConcurrentPostsReleaseOnceTest extends ConfirmTestBase {

    @Test
    void twoConcurrentSendsReleaseOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            race("同時送信 " + round, "send", "send");
        }
    }

    @Test
    void aConcurrentSendAndCancelDoExactlyOneThing() throws Exception {
        for (int round = 0; round < 3; round++) {
            race("送信と取消 " + round, "send", "cancel");
        }
    }

    private void race(String subject, String first, String second) throws Exception {
        Submission m = message(subject).to("佐藤 一郎", LOOKALIKE).cc("鈴木 花子", PARTNER);
        String id = submit(m, false);
        String link = local(awaitNotice(SENDER, subject).link().orElseThrow());
        List<ConfirmClient> tabs = List.of(client(), client());
        List<String> csrf = new ArrayList<>();
        for (ConfirmClient tab : tabs) {
            csrf.add(tab.csrf(link));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            String[] actions = {first, second};
            for (int i = 0; i < 2; i++) {
                int tab = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return tabs.get(tab).post(link, Map.of("_csrf", List.of(csrf.get(tab)), "action",
                            List.of(actions[tab]), "confirm", List.of(LOOKALIKE, PARTNER), "really", List.of("yes")))
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = List.of(answers.get(0).get(), answers.get(1).get());
            assertThat(codes).as(subject).containsExactlyInAnyOrder(302, 404);
        } finally {
            pool.shutdown();
        }
        HoldState state = holds.find(id).orElseThrow().state();
        assertThat(state).isIn(HoldState.RELEASED, HoldState.CANCELLED);
        if (state == HoldState.RELEASED) {
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        }
        Thread.sleep(300);
        assertThat(deliveriesOf(m)).hasSize(state == HoldState.RELEASED ? 1 : 0);
        assertThat(logOf(id).stream().filter(t -> t.equals("confirmed") || t.equals("cancelled")).count()).isEqualTo(1);
    }
}
