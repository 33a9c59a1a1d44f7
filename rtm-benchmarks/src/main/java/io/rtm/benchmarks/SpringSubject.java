package io.rtm.benchmarks;

/** The {@code spring} scenario: a Spring Boot context with one {@code @RtmListener}; not built yet. */
final class SpringSubject {

    private SpringSubject() {
    }

    /** The subject, or {@code null} while the Spring auto-configuration is not in this build. */
    static Subject create() {
        return null;
    }
}
