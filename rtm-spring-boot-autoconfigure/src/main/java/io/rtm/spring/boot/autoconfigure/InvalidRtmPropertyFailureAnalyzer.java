package io.rtm.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or invalid required {@code rtm.*} property into a startup report
 * that names the property and the fix.
 */
final class InvalidRtmPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRtmPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRtmPropertyException cause) {
        return new FailureAnalysis("The RTM server client cannot be configured: " + cause.getMessage() + ".",
                cause.action(), cause);
    }
}
