package io.rtm.test;

import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * Extra signed quest methods served by an {@link RtmTestServer}, added with
 * {@link RtmTestServer.Builder#extension}; the standalone gateway
 * ({@link RtmGatewayMain}) adds every one listed in
 * {@code META-INF/services/io.rtm.test.GatewayExtension} on its class path
 * ({@link java.util.ServiceLoader}; a public class with a public no-argument
 * constructor).
 *
 * <p>The gateway treats these methods like its own (protocol section 8): it
 * records the quest, checks its signature (200002, 200008, 200006 as section
 * 8.1 says) and only then calls {@link #serve}. Methods no one serves are
 * still refused with 20004.
 */
public interface GatewayExtension {

    /**
     * The quest methods this extension serves; asked once, when it is added.
     * None may be one of the gateway's own ({@code *ping}, {@code *key}, or a
     * method of section 8) or served by another extension.
     */
    Set<String> methods();

    /**
     * Serves one quest of one of {@link #methods()}, already decoded and
     * signature-checked. Runs on the calling connection's event loop, so it
     * must not block.
     *
     * @return the payload of the OK answer, or {@code null} to answer later
     *         through {@link GatewayQuest#answer} or {@link GatewayQuest#answerError}
     * @throws FpnnException to answer with its code and message; any other
     *         exception is answered with 20001
     */
    @Nullable Payload serve(GatewayQuest quest);
}
