package io.rtm.spring.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.rtm.spring.listener.RtmListenerInterceptor;

/**
 * An {@link Observation} named {@code rtm.listener} around each listener call,
 * with low-cardinality key values {@code listener} (the listener id) and
 * {@code outcome} ({@code SUCCESS} or {@code FAILURE}). With a meter handler it
 * gives the {@code rtm.listener} timer; with a tracer, a span per call in
 * which the listener runs.
 */
public final class ObservationRtmListenerInterceptor implements RtmListenerInterceptor {

    /** The observation's name, and that of the timer a meter handler makes of it. */
    public static final String NAME = "rtm.listener";

    private final ObservationRegistry registry;

    /** @param registry where the observations go */
    public ObservationRtmListenerInterceptor(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void intercept(Invocation invocation) throws Exception {
        Observation observation = Observation.createNotStarted(NAME, this.registry)
            .contextualName("rtm.listener " + invocation.listenerId())
            .lowCardinalityKeyValue("listener", invocation.listenerId())
            .start();
        try (Observation.Scope scope = observation.openScope()) {
            invocation.proceed();
            observation.lowCardinalityKeyValue("outcome", "SUCCESS");
        } catch (Exception | Error ex) {
            observation.lowCardinalityKeyValue("outcome", "FAILURE");
            observation.error(ex);
            throw ex;
        } finally {
            observation.stop();
        }
    }
}
