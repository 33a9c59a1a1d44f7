package io.rtm.fpnn;

/**
 * Error codes of the FPNN core, as carried in the {@code code} field of an error answer.
 */
public final class FpnnErrorCode {

    /** An error the peer could not classify. */
    public static final int PROTO_UNKNOWN_ERROR = 10001;
    /** A malformed frame or payload. */
    public static final int PROTO_INVALID_PACKAGE = 10003;
    /** A required field is missing from the payload. */
    public static final int PROTO_KEY_NOT_FOUND = 10009;
    /** A field of the payload has the wrong type. */
    public static final int PROTO_TYPE_CONVERT = 10010;
    /** An error of the FPNN core that it could not classify. */
    public static final int CORE_UNKNOWN_ERROR = 20001;
    /** A pending quest failed because its connection closed. */
    public static final int CORE_CONNECTION_CLOSED = 20002;
    /** No answer arrived within the quest timeout. */
    public static final int CORE_TIMEOUT = 20003;
    /** The peer does not serve the method. */
    public static final int CORE_UNKNOWN_METHOD = 20004;
    /** A payload could not be encoded. */
    public static final int CORE_ENCODING = 20005;
    /** A payload could not be decoded. */
    public static final int CORE_DECODING = 20006;
    /** A quest was sent while not connected. */
    public static final int CORE_INVALID_CONNECTION = 20012;

    private FpnnErrorCode() {
    }
}
