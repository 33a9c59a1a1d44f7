package io.rtm.spring.boot.autoconfigure;

import io.rtm.spring.config.InvalidRtmListenerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid listener method into a startup report naming the method, its problems and the fix. */
final class InvalidRtmListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRtmListenerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRtmListenerException cause) {
        return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
    }
}
