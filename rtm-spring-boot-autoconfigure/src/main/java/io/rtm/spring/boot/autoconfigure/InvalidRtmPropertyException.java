package io.rtm.spring.boot.autoconfigure;

/**
 * A required {@code rtm.*} property is missing or invalid. The message names the
 * property and what is wrong, never the value of the secret key.
 */
final class InvalidRtmPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String action;

    InvalidRtmPropertyException(String property, String problem, String action) {
        super("Property '" + property + "' " + problem);
        this.property = property;
        this.action = action;
    }

    /** The property, such as {@code rtm.endpoint}. */
    String property() {
        return this.property;
    }

    /** How to fix it. */
    String action() {
        return this.action;
    }
}
