package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The description of a file message (mtype 40 to 50), parsed from its JSON
 * {@code msg} ({@code url}, {@code size}, {@code surl}) and {@code attrs}
 * ({@code {"rtm": {...}, "custom": ...}}).
 *
 * @param url          where the file is stored
 * @param size         its size in bytes
 * @param thumbnailUrl the thumbnail's address ({@code surl}; empty when none)
 * @param attributes   the gateway's file attributes ({@code attrs.rtm}: ext, filename, and for
 *                     audio type, codec, srate, lang, duration...); empty when absent. Values are
 *                     strings, booleans, lists, maps, and numbers as {@code Long}, {@code Double} or,
 *                     beyond the range of a double, {@code BigDecimal}
 * @param customAttrs  the sender's own attributes ({@code attrs.custom}): the string itself, or the
 *                     JSON text of any other value exactly as sent; empty when absent
 */
public record RtmFileInfo(String url, long size, String thumbnailUrl, Map<String, Object> attributes,
                          String customAttrs) {

    public RtmFileInfo {
        Objects.requireNonNull(url, "url");
        thumbnailUrl = thumbnailUrl == null ? "" : thumbnailUrl;
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
        customAttrs = customAttrs == null ? "" : customAttrs;
    }

    /** The file extension from the gateway's attributes, or empty. */
    public String extension() {
        return attributes.get("ext") instanceof String ext ? ext : "";
    }

    /**
     * What the attributes say of the recording when this is an audio message
     * ({@code attrs.rtm.type} is {@code audiomsg}); empty otherwise.
     */
    public Optional<RtmAudioInfo> audio() {
        return Optional.ofNullable(RtmAudioInfo.of(attributes));
    }

    /** The file name from the gateway's attributes, or empty. */
    public String fileName() {
        return attributes.get("filename") instanceof String name ? name : "";
    }

    /**
     * The description of a file message, or {@code null} when {@code msg} is
     * not a JSON object with a string {@code url}, or {@code attrs} is neither
     * empty nor a JSON object.
     */
    static @Nullable RtmFileInfo parse(String msg, String attrs) {
        try {
            if (!(Json.parse(msg) instanceof Map<?, ?> file) || !(file.get("url") instanceof String url)) {
                return null;
            }
            long size = file.get("size") instanceof Number number ? number.longValue() : 0L;
            String thumbnail = file.get("surl") instanceof String surl ? surl : "";
            Map<String, Object> rtm = Map.of();
            String custom = "";
            if (!attrs.isBlank()) {
                Map<String, Json.Member> members = Json.members(attrs);
                Json.Member rtmMember = members.get("rtm");
                if (rtmMember != null && rtmMember.value() instanceof Map<?, ?> rtmAttrs) {
                    rtm = stringKeys(rtmAttrs);
                }
                Json.Member customMember = members.get("custom");
                if (customMember != null) {
                    custom = customMember.value() instanceof String text ? text : customMember.text();
                }
            }
            return new RtmFileInfo(url, size, thumbnail, rtm, custom);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map; // JSON object keys are strings
    }

    /** The file kind given by the message type. */
    public static String kindOf(int mtype) {
        return switch (mtype) {
            case 40 -> "image";
            case 41 -> "audio";
            case 42 -> "video";
            default -> "file";
        };
    }
}
