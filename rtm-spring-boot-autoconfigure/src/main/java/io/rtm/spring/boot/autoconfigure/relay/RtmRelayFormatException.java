package io.rtm.spring.boot.autoconfigure.relay;

/**
 * A relay record whose value is not a push {@link RtmRelayCodec} reads. Retrying cannot help: the record goes
 * to the dead-letter topic when there is one, and is logged and skipped otherwise.
 */
public class RtmRelayFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the record */
    public RtmRelayFormatException(String message) {
        super(message);
    }
}
