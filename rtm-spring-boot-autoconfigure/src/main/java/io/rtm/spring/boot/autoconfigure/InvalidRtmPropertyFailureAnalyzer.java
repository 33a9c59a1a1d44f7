package io.rtm.spring.boot.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns missing or invalid {@code rtm.*} properties into a startup report that names each property and its
 * fix, all of them at once.
 */
final class InvalidRtmPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRtmPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRtmPropertyException cause) {
        String description = cause.problems().stream()
            .map((problem) -> "    - " + problem.description())
            .collect(Collectors.joining("\n", "The RTM server client cannot be configured:\n\n", ""));
        String action = cause.problems().stream()
            .map(InvalidRtmPropertyException.Problem::action)
            .collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, action, cause);
    }
}
