package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.Payload;
import io.rtm.test.RtmTestServer;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A {@link Driver} for the tests of {@link BenchQuests}: keeps the pushes it
 * receives and answers them with {@code {}} unless told not to.
 */
final class FloodClient implements AutoCloseable {

    /** How long a test waits for a condition. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long a quest waits for its answer: a flood is answered once all its pushes are written. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /** A quest the gateway sent to this client. */
    record Push(String method, Payload payload) {
    }

    /** The pushes received, oldest first. */
    final BlockingQueue<Push> pushes = new ArrayBlockingQueue<>(100_000);
    private final Driver driver;
    private volatile boolean answering = true;

    FloodClient(EventLoopGroup group, RtmTestServer server) {
        driver = new Driver(group, server.port(), server.projectId(), server.secretKey(), this::receive);
    }

    private Payload receive(FpnnQuest quest) {
        if (!pushes.offer(new Push(quest.method(), quest.payload()))) {
            throw new IllegalStateException("test client push queue full");
        }
        return answering ? Payload.EMPTY : null;
    }

    /** Sends a signed quest; completes with its answer. */
    CompletableFuture<Payload> questAsync(String method, Payload fields) {
        return driver.quest(method, fields);
    }

    /** Sends a signed quest and waits for its OK answer. */
    Payload quest(String method, Payload fields) throws Exception {
        return await(questAsync(method, fields));
    }

    /** Waits for an OK answer; an error answer is thrown (in an ExecutionException). */
    static Payload await(CompletableFuture<Payload> answer) throws Exception {
        return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Signs the fields and returns the error code of the answer; fails on an OK answer. */
    int signedErrorOf(String method, Payload fields) {
        return errorCode(questAsync(method, fields));
    }

    /** Sends the payload unsigned and returns the error code of the answer; fails on an OK answer. */
    int unsignedErrorOf(String method, Payload payload) {
        return errorCode(driver.send(method, payload));
    }

    private static int errorCode(CompletableFuture<Payload> answer) {
        Throwable failure = catchThrowable(() -> await(answer));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(FpnnException.class);
        return ((FpnnException) failure.getCause()).code();
    }

    /** Whether pushes are answered; unanswered ones stay pending on the gateway. */
    void answering(boolean answering) {
        this.answering = answering;
    }

    @Override
    public void close() {
        driver.close();
    }
}
