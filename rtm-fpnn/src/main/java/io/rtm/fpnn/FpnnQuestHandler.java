package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/**
 * Serves the quests a peer sends on an {@link FpnnConnection}. Called on the
 * connection's event loop, so it must not block.
 */
@FunctionalInterface
public interface FpnnQuestHandler {

    /**
     * Handles one quest.
     *
     * @return the payload of the OK answer, or {@code null} when the handler
     *         answers later through {@link FpnnQuest#answer} (ignored for one-way quests)
     * @throws FpnnException to send an error answer with its code and message;
     *         any other exception becomes error {@link FpnnErrorCode#CORE_UNKNOWN_ERROR}
     */
    @Nullable Payload handle(FpnnQuest quest);

    /**
     * How to read the payload of quests of that method straight into an
     * object of the handler's, without a {@link Payload} map in between;
     * {@link FpnnQuest#body()} then returns it. {@code null} (the default)
     * decodes a {@link Payload}. Called on the event loop for every quest.
     */
    default PayloadFields.@Nullable Reader<?> fieldReader(String method) {
        return null;
    }
}
