package io.rtm.sample;

import io.rtm.spring.listener.RtmListenerRecoverer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The sample's {@link RtmListenerRecoverer}, which replaces the starter's logging one: a push whose listener
 * still failed after the last attempt ({@code rtm.listener.retry.*}) becomes a {@link DeadLetter}, kept with
 * the listener method, the exception's message and the time, and logged in one WARN line. A real service
 * would write its dead letters to a table, to look at and replay later; the sample keeps the last
 * {@value #CAPACITY} in memory.
 */
@Component
public class DeadLetterStore implements RtmListenerRecoverer {

    /** How many dead letters are kept at most; the oldest goes first. */
    public static final int CAPACITY = 100;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);

    // guarded by itself: each conversation's pushes are recovered on their own dispatch thread
    private final Deque<DeadLetter> letters = new ArrayDeque<>();

    @Override
    public void recover(Exception exception, Object push, Method method) {
        @Nullable String message = exception.getMessage();
        DeadLetter letter = new DeadLetter(push, method, message != null ? message : exception.getClass().getName(),
                Instant.now());
        synchronized (letters) {
            if (letters.size() == CAPACITY) {
                letters.removeFirst();
            }
            letters.addLast(letter);
        }
        // the push's toString names ids and sizes, not the content
        log.warn("Dead letter: {}.{} failed on {} after the last attempt: {}",
                method.getDeclaringClass().getSimpleName(), method.getName(), push, letter.error());
    }

    /** The dead letters kept, oldest first. */
    public List<DeadLetter> deadLetters() {
        synchronized (letters) {
            return List.copyOf(letters);
        }
    }
}
