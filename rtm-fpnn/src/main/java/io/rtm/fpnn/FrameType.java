package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/** The {@code mtype} byte of an FPNN frame. */
enum FrameType {

    /** A quest that expects no answer; its header has no sequence number. */
    ONEWAY(0),
    /** A quest that expects an answer carrying the same sequence number. */
    TWOWAY(1),
    /** The answer to a two-way quest. */
    ANSWER(2);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The value of the mtype byte. */
    int code() {
        return code;
    }

    static @Nullable FrameType of(int code) {
        return switch (code) {
            case 0 -> ONEWAY;
            case 1 -> TWOWAY;
            case 2 -> ANSWER;
            default -> null;
        };
    }
}
