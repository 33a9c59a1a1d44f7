package io.rtm.test;

/** RTM error codes the embedded gateway answers with (protocol section 3). */
final class GatewayErrors {

    /** Unknown project id, wrong or missing signature. */
    static final int INVALID_PID_OR_SIGN = 200002;
    /** A salt already used on this connection. */
    static final int SAME_SIGN = 200006;
    /** {@code ts} too far from the gateway's clock. */
    static final int INVALID_SERVER_TIME = 200008;

    private GatewayErrors() {
    }
}
