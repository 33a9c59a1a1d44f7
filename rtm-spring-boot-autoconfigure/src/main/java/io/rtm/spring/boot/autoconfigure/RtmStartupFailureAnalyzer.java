package io.rtm.spring.boot.autoconfigure;

import io.rtm.spring.listener.RtmStartupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed RTM start into a startup report naming the properties to
 * check: the credentials the gateway refused, or the gateway that could not be
 * reached. Never the secret's value.
 */
final class RtmStartupFailureAnalyzer extends AbstractFailureAnalyzer<RtmStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RtmStartupException cause) {
        return switch (cause.getReason()) {
            case CREDENTIALS_REFUSED -> new FailureAnalysis(cause.getMessage() + ".",
                    "Check rtm.project-id and rtm.secret-key: they must be the project id and the secret key of the"
                            + " RTM project that the gateway at rtm.endpoint (" + cause.getEndpoint() + ") serves,"
                            + " as the RTM console shows them.", cause);
            case UNREACHABLE -> new FailureAnalysis(cause.getMessage() + ".",
                    "Check rtm.endpoint (" + cause.getEndpoint() + ") and that the gateway runs and is reachable,"
                            + " or raise rtm.startup.timeout; to start without the gateway, set"
                            + " rtm.startup.fail-if-unreachable=false.", cause);
        };
    }
}
