package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/**
 * A quest received from the peer, with the means to answer it once. The
 * connection makes one for every quest and hands it to its
 * {@link FpnnQuestHandler} on the event loop; the handler may keep it and
 * answer from any thread.
 */
public final class FpnnQuest {

    private final FpnnConnection connection;
    private final FpnnFrame frame;
    private boolean answered;

    FpnnQuest(FpnnConnection connection, FpnnFrame frame) {
        this.connection = connection;
        this.frame = frame;
    }

    /** The quest's method, such as {@code pushmsg}. */
    public String method() {
        return frame.method();
    }

    /**
     * The quest's payload.
     *
     * @return the decoded map
     * @throws FpnnException (10003) when the received payload was not a valid msgpack map
     * @throws IllegalStateException when the handler's field reader read the payload into {@link #body()}
     */
    public Payload payload() {
        return frame.payload();
    }

    /**
     * The payload as the handler's {@link FpnnQuestHandler#fieldReader field reader} read it;
     * {@code null} when the handler named no reader for the method.
     *
     * @return what the field reader returned, or {@code null}
     * @throws FpnnException (10003, 10009, 10010) when it could not be read
     */
    public @Nullable Object body() {
        return frame.body();
    }

    boolean isTwoWay() {
        return frame.isTwoWay();
    }

    /** The connection the quest arrived on. */
    public FpnnConnection connection() {
        return connection;
    }

    /**
     * Sends the OK answer, from any thread; ignored for a one-way quest or one
     * already answered. A payload that cannot be encoded is answered with
     * error {@link FpnnErrorCode#CORE_ENCODING} instead.
     *
     * @param payload the answer's fields
     */
    public void answer(Payload payload) {
        if (claim()) {
            if (payload.isEmpty()) {
                connection.writeEmptyAnswer(frame.seq());
            } else {
                connection.writeAnswer(FpnnFrame.answer(frame.seq(), payload));
            }
        }
    }

    /**
     * Sends an error answer ({@code {"code", "ex"}}, protocol section 3), for a
     * handler that answers later; ignored for a one-way quest or one already
     * answered. Any thread.
     */
    public void answerError(int code, String message) {
        if (claim()) {
            connection.writeAnswer(FpnnFrame.errorAnswer(frame.seq(), code, message));
        }
    }

    boolean isAnswered() {
        return answered;
    }

    private synchronized boolean claim() {
        if (answered || !frame.isTwoWay()) {
            return false;
        }
        answered = true;
        return true;
    }

    @Override
    public String toString() {
        return frame.toString();
    }
}
