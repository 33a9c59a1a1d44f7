package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/**
 * A payload map read one field at a time, in wire order, for quests that a
 * handler reads straight into its own object (see {@link FpnnQuestHandler#fieldReader}).
 * The reading methods take the field's name for their error messages: a value
 * of the wrong type is {@link FpnnErrorCode#PROTO_TYPE_CONVERT}, malformed
 * msgpack {@link FpnnErrorCode#PROTO_INVALID_PACKAGE}.
 *
 * <p>Valid only inside {@link Reader#read}, on the thread that called it; after
 * {@link #nextKey()}, exactly one of the value methods consumes the value.
 */
public interface PayloadFields {

    /**
     * Moves to the next field.
     *
     * @return its key, or {@code null} after the last field
     * @throws FpnnException 10003 when the key is not a str or the msgpack ends inside it
     */
    @Nullable String nextKey();

    /**
     * Consumes the value if it is nil (a nil field counts as absent).
     *
     * @return whether it was nil; when not, the value is still to be read
     */
    boolean skipNil();

    /**
     * Reads the value as an integer of any msgpack form.
     *
     * @param field the field's name, for the error message
     * @return the value
     * @throws FpnnException 10010 when it is not an integer or beyond a long, 10003 for malformed msgpack
     */
    long readLong(String field);

    /**
     * Reads the value as text or bytes.
     *
     * @param field the field's name, for the error message
     * @return a {@link String} for a str of valid UTF-8, otherwise the {@code byte[]} of the str or bin
     * @throws FpnnException 10010 when it is neither str nor bin, 10003 for malformed msgpack
     */
    Object readTextOrBytes(String field);

    /**
     * Reads the value as text.
     *
     * @param field the field's name, for the error message
     * @return the value
     * @throws FpnnException 10010 when it is not a str of valid UTF-8, 10003 for malformed msgpack
     */
    String readString(String field);

    /**
     * Skips the value of a field the reader does not use.
     *
     * @throws FpnnException 10003 for malformed msgpack
     */
    void skipValue();

    /**
     * Reads one payload into an object; called on the event loop while the frame is decoded.
     *
     * @param <T> the object it reads
     */
    @FunctionalInterface
    interface Reader<T> {

        /**
         * Reads the fields it needs, in any number; those left are skipped.
         *
         * @param fields the payload's fields, in wire order
         * @return the object read
         * @throws FpnnException for a missing ({@link FpnnErrorCode#PROTO_KEY_NOT_FOUND}) or
         *         wrong-typed field; the quest is then answered with that error
         */
        T read(PayloadFields fields);
    }
}
