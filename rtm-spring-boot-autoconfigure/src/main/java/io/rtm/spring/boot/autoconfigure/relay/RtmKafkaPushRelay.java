package io.rtm.spring.boot.autoconfigure.relay;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.listener.RtmPushRelay;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Relays the pushes this instance receives to a Kafka topic, one record per push: the key is the push's
 * conversation, so that the pushes of one conversation share a partition and keep their order; the value is
 * the push in {@link RtmRelayCodec}'s encoding. A push is held, and answered to the gateway, once the broker
 * acknowledged its record (with the producer's {@code acks=all}); the producer retries a failed send on its
 * own, and a send that fails for good leaves the push unanswered.
 */
public final class RtmKafkaPushRelay implements RtmPushRelay {

    /** The header values of the push types, made once: the headers keep them by reference. */
    private static final Map<RtmPushType, byte[]> TYPE_NAMES = new EnumMap<>(RtmPushType.class);

    static {
        for (RtmPushType type : RtmPushType.values()) {
            TYPE_NAMES.put(type, type.name().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final KafkaOperations<byte[], byte[]> kafka;

    private final String topic;

    /**
     * @param kafka sends the records; acknowledged by all in-sync replicas, idempotent
     * @param topic the relay's topic
     */
    public RtmKafkaPushRelay(KafkaOperations<byte[], byte[]> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public CompletionStage<?> relay(RtmMessage message) {
        return send(RtmRelayCodec.key(message), RtmRelayCodec.encode(message), message.pushType(),
                Long.toString(message.messageId()));
    }

    @Override
    public CompletionStage<?> relay(RtmEvent event) {
        return send(RtmRelayCodec.key(event), RtmRelayCodec.encode(event), RtmPushType.EVENT, null);
    }

    private CompletionStage<?> send(byte[] key, byte[] value, RtmPushType type, @Nullable String mid) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RtmRelayCodec.PUSH_TYPE_HEADER, TYPE_NAMES.get(type));
        if (mid != null) {
            headers.add(RtmRelayCodec.MESSAGE_ID_HEADER, mid.getBytes(StandardCharsets.US_ASCII));
        }
        // a send the producer refuses at once (no metadata within max.block.ms, say) throws: the client leaves
        // the push unanswered as it does for a failed stage
        return this.kafka.send(new ProducerRecord<>(this.topic, null, key, value, headers));
    }

    @Override
    public String toString() {
        return "RtmKafkaPushRelay{topic=" + this.topic + "}";
    }
}
