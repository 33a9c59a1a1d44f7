package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ListenStateTest {

    @Test
    void addUnionsAndRemoveSubtracts() {
        ListenState state = ListenState.EMPTY.plus(Set.of(1L, 2L), Set.of(10L), null, Set.of("login"))
                .plus(Set.of(3L), null, Set.of(100L), Set.of("logout"))
                .minus(Set.of(2L), Set.of(10L), null, Set.of("login"));

        assertThat(state.groups()).containsExactlyInAnyOrder(1L, 3L);
        assertThat(state.rooms()).isEmpty();
        assertThat(state.users()).containsExactly(100L);
        assertThat(state.events()).containsExactly("logout");
    }

    @Test
    void setIdsReplacesAllFourAndKeepsFlags() {
        ListenState state = ListenState.EMPTY.plus(Set.of(1L), Set.of(2L), Set.of(3L), Set.of("login"))
                .withFlags(ListenFlags.of().allRooms(true))
                .withIds(Set.of(9L), null, null, null);

        assertThat(state.groups()).containsExactly(9L);
        assertThat(state.rooms()).isEmpty();
        assertThat(state.users()).isEmpty();
        assertThat(state.events()).isEmpty();
        assertThat(state.allRooms()).isTrue();
    }

    @Test
    void flagsNotGivenStayAsTheyAre() {
        ListenState state = ListenState.EMPTY.withFlags(ListenFlags.all(true, true, false, false))
                .withFlags(ListenFlags.of().allGroups(false).allEvents(true));

        assertThat(state.allP2P()).isTrue();
        assertThat(state.allGroups()).isFalse();
        assertThat(state.allRooms()).isFalse();
        assertThat(state.allEvents()).isTrue();
    }

    @Test
    void emptinessAndParts() {
        assertThat(ListenState.EMPTY.isEmpty()).isTrue();
        assertThat(ListenState.EMPTY.withFlags(ListenFlags.of().allP2P(true)).isEmpty()).isFalse();
        assertThat(ListenState.EMPTY.withFlags(ListenFlags.of().allP2P(true)).hasIds()).isFalse();
        assertThat(ListenState.EMPTY.plus(null, null, null, Set.of("login")).hasIds()).isTrue();
    }

    @Test
    void setsAreImmutableCopies() {
        Set<Long> ids = new HashSet<>(Set.of(1L));
        ListenState state = ListenState.EMPTY.plus(ids, null, null, null);
        ids.add(2L);
        assertThat(state.groups()).containsExactly(1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.groups().add(3L))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
