package io.rtm.sample;

/** The JSON text of a shop's group message, as the listener receives it. */
public record OrderPlaced(String orderId, String item, int quantity) {
}
