package io.rtm.spring.boot.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more {@code rtm.*} properties are missing or invalid. The message names each property and what is
 * wrong, never the value of the secret key.
 */
final class InvalidRtmPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    InvalidRtmPropertyException(String property, String problem, String action) {
        this(List.of(new Problem(property, problem, action)));
    }

    private InvalidRtmPropertyException(List<Problem> problems) {
        super(problems.stream().map(Problem::description).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** Throws the problems, if there are any, together. */
    static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRtmPropertyException(problems);
        }
    }

    /** What is wrong, one property each. */
    List<Problem> problems() {
        return this.problems;
    }

    /**
     * What is wrong with one property.
     *
     * @param property the property, such as {@code rtm.endpoint}
     * @param problem  what is wrong with it, such as {@code is not set}
     * @param action   how to fix it
     */
    record Problem(String property, String problem, String action) {

        /** The property and its problem: {@code Property 'rtm.endpoint' is not set}. */
        String description() {
            return "Property '" + this.property + "' " + this.problem;
        }
    }
}
