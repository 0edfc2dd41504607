package com.misdeliveryguard.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant RECEIVED = Instant.parse("2025-06-01T00:00:00Z");
    private final RetrySchedule schedule = RetrySchedule.defaults();

    @Test
    void usesPostfixDefaults() {
        assertThat(schedule.minimalBackoff()).isEqualTo(Duration.ofSeconds(300));
        assertThat(schedule.maximalBackoff()).isEqualTo(Duration.ofSeconds(4000));
        assertThat(schedule.maximalLifetime()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void triesAtOnceBeforeTheFirstAttempt() {
        assertThat(schedule.nextAttempt(RECEIVED, 0, RECEIVED)).contains(RECEIVED);
    }

    @Test
    void doublesTheBackoffUpToTheMaximum() {
        Instant now = RECEIVED.plusSeconds(60);

        assertThat(schedule.nextAttempt(RECEIVED, 1, now)).contains(now.plusSeconds(300));
        assertThat(schedule.nextAttempt(RECEIVED, 2, now)).contains(now.plusSeconds(600));
        assertThat(schedule.nextAttempt(RECEIVED, 3, now)).contains(now.plusSeconds(1200));
        assertThat(schedule.nextAttempt(RECEIVED, 4, now)).contains(now.plusSeconds(2400));
        assertThat(schedule.nextAttempt(RECEIVED, 5, now)).contains(now.plusSeconds(4000));
        assertThat(schedule.nextAttempt(RECEIVED, 6, now)).contains(now.plusSeconds(4000));
        assertThat(schedule.nextAttempt(RECEIVED, Integer.MAX_VALUE, now)).contains(now.plusSeconds(4000));
    }

    @Test
    void movesTheLastRetryToTheEndOfTheLifetime() {
        Instant expiry = RECEIVED.plus(Duration.ofDays(5));
        Instant now = expiry.minusSeconds(100);

        assertThat(schedule.nextAttempt(RECEIVED, 30, now)).contains(expiry);
    }

    @Test
    void endsWhenTheLifetimeIsExhausted() {
        Instant expiry = RECEIVED.plus(Duration.ofDays(5));

        assertThat(schedule.nextAttempt(RECEIVED, 40, expiry)).isEmpty();
        assertThat(schedule.nextAttempt(RECEIVED, 40, expiry.plusSeconds(1))).isEmpty();
        assertThat(schedule.nextAttempt(RECEIVED, 0, expiry.plusSeconds(1))).isEmpty();
    }

    @Test
    void honoursConfiguredValues() {
        RetrySchedule quick = new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofMinutes(2));

        assertThat(quick.nextAttempt(RECEIVED, 1, RECEIVED)).contains(RECEIVED.plusSeconds(10));
        assertThat(quick.nextAttempt(RECEIVED, 2, RECEIVED)).contains(RECEIVED.plusSeconds(20));
        assertThat(quick.nextAttempt(RECEIVED, 3, RECEIVED)).contains(RECEIVED.plusSeconds(25));
        assertThat(quick.nextAttempt(RECEIVED, 3, RECEIVED.plusSeconds(110))).contains(RECEIVED.plusSeconds(120));
    }

    @Test
    void refusesInconsistentSettings() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.nextAttempt(RECEIVED, -1, RECEIVED)).isInstanceOf(IllegalArgumentException.class);
    }
}
