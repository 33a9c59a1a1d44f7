/**
 * FPNN over Netty: the frame codec, the msgpack payload codec, the two-way
 * connection and keepalive (protocol sections 1 to 4).
 *
 * <p>{@link io.rtm.fpnn.FpnnPipeline#install} puts the frame codec and an
 * {@link io.rtm.fpnn.FpnnConnection} on a channel; the connection sends quests
 * ({@link io.rtm.fpnn.FpnnConnection#sendQuest}) and hands the peer's quests
 * to an {@link io.rtm.fpnn.FpnnQuestHandler}. Payloads are
 * {@link io.rtm.fpnn.Payload} maps, or read field by field through
 * {@link io.rtm.fpnn.PayloadFields}. Failures carry FPNN error codes
 * ({@link io.rtm.fpnn.FpnnException}, {@link io.rtm.fpnn.FpnnErrorCode}).
 * Encrypted connections are in {@link io.rtm.fpnn.crypto}.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.rtm.fpnn;

import org.jspecify.annotations.NullMarked;
