package io.rtm.spring.listener;

import java.lang.reflect.Method;

import io.rtm.spring.config.RtmListenerEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The default {@link RtmListenerErrorHandler}: calls a failed listener again as its {@link RetryPolicy} allows
 * (Spring Framework's retry support, with its back-off), on the push's dispatch thread, so that the pushes
 * of the conversation behind it wait and keep their order; then, when no attempt succeeded, hands the push
 * to the {@link RtmListenerRecoverer}. Without a policy it hands it over at once.
 */
public final class DefaultRtmListenerErrorHandler implements RtmListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(DefaultRtmListenerErrorHandler.class);

    private final @Nullable RetryTemplate retries;

    private final RtmListenerRecoverer recoverer;

    /** Recovers every failure at once, without retrying. */
    public DefaultRtmListenerErrorHandler(RtmListenerRecoverer recoverer) {
        this(null, recoverer);
    }

    /**
     * @param retryPolicy how often, after which failures and with which back-off a listener is called again;
     *                    {@code null} for never
     * @param recoverer   decides about a push no attempt handled
     */
    public DefaultRtmListenerErrorHandler(@Nullable RetryPolicy retryPolicy, RtmListenerRecoverer recoverer) {
        this.retries = (retryPolicy != null) ? new RetryTemplate(retryPolicy) : null;
        this.recoverer = recoverer;
    }

    @Override
    public void handleError(Exception exception, Object push, Method method) {
        this.recoverer.recover(exception, push, method);
    }

    @Override
    public void handleError(Exception exception, Object push, Method method, Attempt again) {
        if (this.retries == null) {
            this.recoverer.recover(exception, push, method);
            return;
        }
        FirstAttempt attempts = new FirstAttempt(exception, again, push, method);
        try {
            this.retries.execute(attempts);
        } catch (RetryException ex) {
            this.recoverer.recover(lastFailure(ex, exception), push, method);
        }
    }

    private static Exception lastFailure(RetryException exhausted, Exception first) {
        Throwable last = exhausted.getLastException();
        if (last instanceof Exception exception) {
            return exception;
        }
        if (last instanceof Error error) {
            throw error;
        }
        return first;
    }

    /**
     * What the retry template runs: the failure already seen first, without calling the listener, so that
     * the back-off comes before the first retry; then the listener again.
     */
    private static final class FirstAttempt implements Retryable<@Nullable Void> {

        private @Nullable Exception first;

        private final Attempt again;

        private final Object push;

        private final Method method;

        private int attempt = 1;

        FirstAttempt(Exception first, Attempt again, Object push, Method method) {
            this.first = first;
            this.again = again;
            this.push = push;
            this.method = method;
        }

        @Override
        public @Nullable Void execute() throws Exception {
            Exception failed = this.first;
            if (failed != null) {
                this.first = null;
                throw failed;
            }
            this.attempt++;
            if (logger.isDebugEnabled()) {
                logger.debug("Calling " + RtmListenerEndpoint.describe(this.method) + " again (attempt "
                        + this.attempt + ") on " + this.push);
            }
            this.again.run();
            return null;
        }

        @Override
        public String getName() {
            return RtmListenerEndpoint.describe(this.method);
        }
    }
}
