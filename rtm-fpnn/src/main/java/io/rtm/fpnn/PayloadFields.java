package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/**
 * A payload map read one field at a time, in wire order, for quests that a
 * handler reads straight into its own object (see {@link FpnnQuestHandler#fieldReader}).
 * The reading methods take the field's name for their error messages: a value
 * of the wrong type is {@link FpnnErrorCode#PROTO_TYPE_CONVERT}, malformed
 * msgpack {@link FpnnErrorCode#PROTO_INVALID_PACKAGE}.
 */
public interface PayloadFields {

    /** The next field's key, or {@code null} after the last field. */
    @Nullable String nextKey();

    /** Consumes the value if it is nil, and tells whether it was (a nil field counts as absent). */
    boolean skipNil();

    /** An integer of any msgpack form that fits a long. */
    long readLong(String field);

    /** A str as a String (its bytes when it is not valid UTF-8), or a bin as bytes. */
    Object readTextOrBytes(String field);

    /** A str holding valid UTF-8. */
    String readString(String field);

    /** Skips the value of a field the reader does not use. */
    void skipValue();

    /** Reads one payload into an object; called on the event loop while the frame is decoded. */
    @FunctionalInterface
    interface Reader<T> {

        /**
         * @throws FpnnException for a missing ({@link FpnnErrorCode#PROTO_KEY_NOT_FOUND}) or
         *         wrong-typed field; the quest is then answered with that error
         */
        T read(PayloadFields fields);
    }
}
