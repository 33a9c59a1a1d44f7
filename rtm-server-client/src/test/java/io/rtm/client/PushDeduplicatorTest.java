package io.rtm.client;

import org.junit.jupiter.api.Test;

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
}
