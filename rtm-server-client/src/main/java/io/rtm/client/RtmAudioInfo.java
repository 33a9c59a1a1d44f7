package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * What an audio message's file attributes say of the recording
 * ({@code attrs.rtm} with {@code "type": "audiomsg"}).
 *
 * @param language       the spoken language, such as {@code en-US}; empty when not given
 * @param codec          the codec, such as {@code amr-wb}; empty when not given
 * @param sampleRate     samples per second; 0 when not given
 * @param durationMillis the length in milliseconds, as the public RTM SDKs record it; 0 when not given
 */
public record RtmAudioInfo(String language, String codec, int sampleRate, long durationMillis) {

    /** The value of {@code attrs.rtm.type} that marks an audio message. */
    public static final String AUDIO_TYPE = "audiomsg";

    /** The audio info of these file attributes, or {@code null} when they are not an audio message's. */
    static @Nullable RtmAudioInfo of(Map<String, Object> attributes) {
        if (!AUDIO_TYPE.equals(attributes.get("type"))) {
            return null;
        }
        return new RtmAudioInfo(text(attributes, "lang"), text(attributes, "codec"),
                (int) number(attributes, "srate"), number(attributes, "duration"));
    }

    private static String text(Map<String, Object> attributes, String key) {
        return attributes.get(key) instanceof String value ? value : "";
    }

    private static long number(Map<String, Object> attributes, String key) {
        return attributes.get(key) instanceof Number value ? value.longValue() : 0;
    }
}
