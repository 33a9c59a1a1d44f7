package io.rtm.client;

import java.util.Map;
import java.util.Objects;

/**
 * The description of a file message (mtype 40 to 50), parsed from its JSON
 * {@code msg} ({@code url}, {@code size}, {@code surl}) and {@code attrs}
 * ({@code {"rtm": {...}, "custom": ...}}).
 *
 * @param url          where the file is stored
 * @param size         its size in bytes
 * @param thumbnailUrl the thumbnail's address ({@code surl}; empty when none)
 * @param attributes   the gateway's file attributes ({@code attrs.rtm}: ext, filename, and for
 *                     audio type, codec, srate, lang, duration...); empty when absent
 * @param customAttrs  the sender's own attributes ({@code attrs.custom}): the string itself, or the
 *                     JSON text of any other value; empty when absent
 */
public record RtmFileInfo(String url, long size, String thumbnailUrl, Map<String, Object> attributes,
                          String customAttrs) {

    public RtmFileInfo {
        Objects.requireNonNull(url, "url");
        thumbnailUrl = thumbnailUrl == null ? "" : thumbnailUrl;
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(attributes);
        customAttrs = customAttrs == null ? "" : customAttrs;
    }

    /** The file extension from the gateway's attributes, or empty. */
    public String extension() {
        return attributes.get("ext") instanceof String ext ? ext : "";
    }

    /** The file name from the gateway's attributes, or empty. */
    public String fileName() {
        return attributes.get("filename") instanceof String name ? name : "";
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
