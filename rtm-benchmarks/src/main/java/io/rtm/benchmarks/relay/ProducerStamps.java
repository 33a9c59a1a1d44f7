package io.rtm.benchmarks.relay;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import io.rtm.spring.boot.autoconfigure.relay.RtmRelayCodec;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * A producer interceptor for the receiving instance ({@code spring.kafka.producer.properties.interceptor.classes},
 * which the relay's producer takes from Boot's settings): notes, by mid, when the relay handed a push's record
 * to the Kafka producer, from the record's {@code rtm_mid} header. It splits a push's latency into the part
 * before Kafka (the gateway, the receiving client) and the part in it (the producer's linger, the broker, the
 * consumer's poll and commit, the wait for a free consumer thread). Kafka creates the interceptor itself, so the
 * stamps are static: one receiver at a time in the JVM, {@link #reset} before it starts.
 */
public final class ProducerStamps implements ProducerInterceptor<byte[], byte[]> {

    private static volatile AtomicLongArray stamps = new AtomicLongArray(1);

    /** Forgets all stamps; mids up to {@code maxMid} are noted from now on. */
    public static void reset(int maxMid) {
        stamps = new AtomicLongArray(maxMid + 1);
    }

    /** {@link System#nanoTime()} when the record of that mid went to the producer; 0 for none. */
    public static long at(int mid) {
        AtomicLongArray noted = stamps;
        return mid < noted.length() ? noted.get(mid) : 0;
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        long now = System.nanoTime();
        @Nullable Header mid = record.headers().lastHeader(RtmRelayCodec.MESSAGE_ID_HEADER);
        if (mid != null) {
            long value = Long.parseLong(new String(mid.value(), StandardCharsets.US_ASCII));
            AtomicLongArray noted = stamps;
            if (value > 0 && value < noted.length()) {
                noted.compareAndSet((int) value, 0, now);
            }
        }
        return record;
    }

    @Override
    public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
