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
     * @param quest the quest, which can also be answered later, from any thread
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
     *
     * @param method the quest's method
     * @return the reader for that method's payloads, or {@code null} for a {@link Payload}
     */
    default PayloadFields.@Nullable Reader<?> fieldReader(String method) {
        return null;
    }
}
