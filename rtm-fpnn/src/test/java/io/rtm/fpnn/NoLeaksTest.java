package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that {@link NoLeaks} really notices an unreleased buffer, so the other tests can rely on it. */
class NoLeaksTest {

    @Test
    void unreleasedBufferIsReported() {
        NoLeaks.collectLeaks(); // start clean
        leakOneBuffer();
        List<String> leaks = NoLeaks.collectLeaks();
        assertThat(leaks).anySatisfy(leak -> assertThat(leak).contains("leakOneBuffer"));
    }

    @Test
    void releasedBufferIsNotReported() {
        NoLeaks.collectLeaks();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(16).writeLong(42);
        buf.release();
        assertThat(NoLeaks.collectLeaks()).isEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(16);
        buf.writeLong(42); // touched, never released, then unreachable
    }
}
