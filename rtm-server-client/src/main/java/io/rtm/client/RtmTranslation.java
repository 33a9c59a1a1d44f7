package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * A chat whose text is a translation, as RTM sends them when translation is
 * on (and as the public C++ and C# SDKs model it): the JSON object
 * {@code {"source", "target", "sourceText", "targetText"}}.
 *
 * @param source     the language of the original text
 * @param target     the language it was translated into
 * @param sourceText the original text
 * @param targetText the translation
 */
public record RtmTranslation(String source, String target, String sourceText, String targetText) {

    /** The translation a chat's text holds, or {@code null} when it is not one (or not JSON). */
    static @Nullable RtmTranslation parse(String text) {
        if (!text.startsWith("{")) {
            return null; // most chats are plain text: no attempt at JSON
        }
        try {
            if (Json.parse(text) instanceof Map<?, ?> fields && fields.get("source") instanceof String source
                    && fields.get("target") instanceof String target
                    && fields.get("sourceText") instanceof String sourceText
                    && fields.get("targetText") instanceof String targetText) {
                return new RtmTranslation(source, target, sourceText, targetText);
            }
        } catch (IllegalArgumentException notJson) {
            // a chat that only looks like JSON: it is no translation
        }
        return null;
    }
}
