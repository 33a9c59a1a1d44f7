package io.rtm.fpnn;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Turns Netty's leak reports into test failures. Netty only logs a leak (at
 * paranoid level, on the next buffer allocation after the leaked buffer was
 * collected); this extension listens on the ByteBuf leak detector, and after
 * each test collects garbage, makes the detector poll, and fails the test if
 * any ByteBuf was garbage-collected without having been released.
 */
public final class NoLeaks implements AfterEachCallback {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            // AbstractByteBuf.leakDetector is the detector every allocator uses for ByteBufs
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
            detector.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + " leaked:\n" + records));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot listen to Netty's ByteBuf leak detector", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) detected after "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }

    /**
     * Collects garbage (twice), each time waiting until a canary weak reference
     * has been enqueued so that the reference handler has processed that cycle,
     * then allocates a buffer: at paranoid level every allocation makes the
     * detector report the leaks it has queued. Returns the leaks found since
     * the last call.
     */
    static List<String> collectLeaks() {
        for (int round = 0; round < 2; round++) {
            // the default allocator may keep a reference to the last buffer it handed out on
            // this thread: a fresh allocation lets a leaked one become unreachable
            allocateAndRelease();
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                queue.remove(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            canary.clear();
            allocateAndRelease();
        }
        List<String> found = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            found.add(leak);
        }
        return found;
    }

    private static void allocateAndRelease() {
        ByteBufAllocator.DEFAULT.buffer(1).release();
        Unpooled.buffer(1).release();
    }
}
