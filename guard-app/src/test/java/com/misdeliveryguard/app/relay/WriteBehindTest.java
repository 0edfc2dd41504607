package com.misdeliveryguard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writes nobody waits for: gathered into batches by the writer's own thread, each item's future completed. */
class WriteBehindTest {

    private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());

    private void write(List<String> batch) {
        if (batch.contains("bad")) {
            throw new IllegalStateException("bad item");
        }
        writes.add(List.copyOf(batch));
    }

    @Test
    void submitReturnsAtOnceAndItemsQueuedWithinTheIntervalShareOneWrite() throws Exception {
        try (WriteBehind<String> behind = new WriteBehind<>("test-writer", Duration.ofMillis(300), 64, this::write,
                e -> false)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                done.add(behind.submit("item-" + i));
            }
            assertThat(done).noneMatch(CompletableFuture::isDone); // nobody waited for the write
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0)).hasSize(10).startsWith("item-0").endsWith("item-9");
        }
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForTheInterval() throws Exception {
        try (WriteBehind<String> behind = new WriteBehind<>("test-writer", Duration.ofMinutes(5), 3, this::write,
                e -> false)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(behind.submit("item-" + i));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(writes).containsExactly(List.of("item-0", "item-1", "item-2"),
                    List.of("item-3", "item-4", "item-5"));
        }
    }

    @Test
    void aBadItemFailsAloneAndTheOthersAreWritten() throws Exception {
        try (WriteBehind<String> behind = new WriteBehind<>("test-writer", Duration.ofMillis(200), 64, this::write,
                e -> false)) {
            CompletableFuture<Void> good = behind.submit("good");
            CompletableFuture<Void> bad = behind.submit("bad");
            CompletableFuture<Void> other = behind.submit("other");
            good.get(10, TimeUnit.SECONDS);
            other.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("bad item");
            assertThat(writes).containsExactly(List.of("good"), List.of("other"));
        }
    }

    @Test
    void aFailureThatFailsEveryWriteFailsTheBatchWithoutTryingEachItem() {
        List<List<String>> tried = Collections.synchronizedList(new ArrayList<>());
        try (WriteBehind<String> behind = new WriteBehind<>("test-writer", Duration.ofMillis(200), 64, batch -> {
            tried.add(List.copyOf(batch));
            throw new UnsupportedOperationException("database down");
        }, UnsupportedOperationException.class::isInstance)) {
            CompletableFuture<Void> a = behind.submit("a");
            CompletableFuture<Void> b = behind.submit("b");
            assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
            assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
            assertThat(tried).containsExactly(List.of("a", "b"));
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndLaterItemsAreWrittenOnTheSubmittersThread() {
        WriteBehind<String> behind = new WriteBehind<>("test-writer", Duration.ofMinutes(5), 64, this::write,
                e -> false);
        CompletableFuture<Void> queued = behind.submit("queued");
        behind.close();
        assertThat(queued).isCompleted();
        assertThat(writes).containsExactly(List.of("queued"));
        CompletableFuture<Void> late = behind.submit("late");
        assertThat(late).isCompleted();
        assertThat(writes).containsExactly(List.of("queued"), List.of("late"));
    }
}
