package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PushDeduplicatorTest {

    @Test
    void secondSightingIsADuplicate() {
        PushDeduplicator dedup = new PushDeduplicator(10);
        assertThat(dedup.isDuplicate(MessageSource.GROUP, 1, 2, 3)).isFalse();
        assertThat(dedup.isDuplicate(MessageSource.GROUP, 1, 2, 3)).isTrue();
    }

    @Test
    void everyPartOfTheKeyCounts() {
        PushDeduplicator dedup = new PushDeduplicator(10);
        dedup.isDuplicate(MessageSource.GROUP, 1, 2, 3);
        assertThat(dedup.isDuplicate(MessageSource.ROOM, 1, 2, 3)).isFalse();
        assertThat(dedup.isDuplicate(MessageSource.GROUP, 9, 2, 3)).isFalse();
        assertThat(dedup.isDuplicate(MessageSource.GROUP, 1, 9, 3)).isFalse();
        assertThat(dedup.isDuplicate(MessageSource.GROUP, 1, 2, 9)).isFalse();
    }

    @Test
    void isBoundedAndForgetsOldestFirst() {
        PushDeduplicator dedup = new PushDeduplicator(3);
        for (long mid = 1; mid <= 4; mid++) {
            dedup.isDuplicate(MessageSource.P2P, 1, 2, mid);
        }
        assertThat(dedup.size()).isEqualTo(3);
        assertThat(dedup.isDuplicate(MessageSource.P2P, 1, 2, 4)).isTrue();
        assertThat(dedup.isDuplicate(MessageSource.P2P, 1, 2, 1)).isFalse();
    }

    @Test
    void zeroCapacityTurnsItOff() {
        PushDeduplicator dedup = new PushDeduplicator(0);
        dedup.isDuplicate(MessageSource.P2P, 1, 2, 3);
        assertThat(dedup.isDuplicate(MessageSource.P2P, 1, 2, 3)).isFalse();
    }

    @Test
    void remembersExactlyTheLastCapacityPushesThroughGrowthAndWrapAround() {
        int capacity = 3000; // grows from 1024 twice, then wraps around many times
        PushDeduplicator dedup = new PushDeduplicator(capacity);
        ArrayDeque<Long> window = new ArrayDeque<>();
        Random random = new Random(42);
        for (int n = 0; n < 50_000; n++) {
            // mostly new mids, some recent repeats, some long-forgotten ones
            long mid = random.nextInt(10) == 0 && n > 0 ? n - 1 - random.nextInt(Math.min(n, 2 * capacity)) : n;
            boolean expected = window.contains(mid);
            assertThat(dedup.isDuplicate(MessageSource.GROUP, 5, 6, mid)).as("mid %d at %d", mid, n)
                    .isEqualTo(expected);
            if (!expected) {
                window.addLast(mid);
                if (window.size() > capacity) {
                    window.removeFirst();
                }
            }
            assertThat(dedup.size()).isEqualTo(window.size());
        }
    }

    @Test
    void aForgottenPushCountsAsNewThroughGrowthAndWrapAround() {
        int capacity = 1500; // grows from 1024 once, then wraps around many times
        PushDeduplicator dedup = new PushDeduplicator(capacity);
        ArrayDeque<long[]> ring = new ArrayDeque<>(); // {mid, 1 when forgotten}; a forgotten push keeps its place
        Random random = new Random(7);
        for (int n = 0; n < 30_000; n++) {
            long mid = random.nextInt(4) == 0 && n > 0 ? n - 1 - random.nextInt(Math.min(n, 2 * capacity)) : n;
            if (random.nextInt(5) == 0) {
                dedup.forget(MessageSource.ROOM, 5, 6, mid);
                ring.stream().filter(e -> e[0] == mid && e[1] == 0).forEach(e -> e[1] = 1);
                continue;
            }
            boolean expected = ring.stream().anyMatch(e -> e[0] == mid && e[1] == 0);
            assertThat(dedup.isDuplicate(MessageSource.ROOM, 5, 6, mid)).as("mid %d at %d", mid, n)
                    .isEqualTo(expected);
            if (!expected) {
                ring.addLast(new long[] {mid, 0});
                if (ring.size() > capacity) {
                    ring.removeFirst();
                }
            }
            assertThat(dedup.size()).isEqualTo(ring.size());
        }
    }
}
