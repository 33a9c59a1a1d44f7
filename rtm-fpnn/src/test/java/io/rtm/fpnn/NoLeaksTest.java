package io.rtm.fpnn;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that {@link NoLeaks} really notices an unreleased buffer, so the other tests can rely on it. */
class NoLeaksTest {

    @Test
    void unreleasedBufferIsReported() {
        // the leak is made on purpose: Netty's LEAK report of it goes to this list, not to the build log;
        // the logger stays at ERROR, since Netty reports leaks (to NoLeaks too) only while it logs them
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> report = new ListAppender<>();
        report.start();
        detector.addAppender(report);
        detector.setAdditive(false);
        try {
            NoLeaks.collectLeaks(); // start clean
            leakOneBuffer();
            List<String> leaks = NoLeaks.collectLeaks();
            assertThat(leaks).anySatisfy(leak -> assertThat(leak).contains("leakOneBuffer"));
        } finally {
            detector.setAdditive(true);
            detector.detachAppender(report);
        }
        assertThat(report.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).startsWith("LEAK:"));
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
