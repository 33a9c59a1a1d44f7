package io.rtm.spring.boot.autoconfigure.relay;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rtm.spring.listener.RtmPushDispatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.MessageListener;

/**
 * Takes relayed pushes from the topic and calls the listener methods and monitor beans for each, through
 * {@link RtmPushDispatcher#dispatchRelayed}: the same calls a received push gets. A push handled already, by
 * this instance, within the last {@code dedupCapacity} pushes, is dropped. A listener's failure is thrown to
 * the container's error handler; when the record comes again, only the listeners that did not return yet for
 * it are called.
 */
public final class RtmRelayMessageListener implements MessageListener<byte[], byte[]> {

    private static final Log logger = LogFactory.getLog(RtmRelayMessageListener.class);

    private final RtmPushDispatcher dispatcher;

    private final RelayDeduplicator handled;

    /** Per partition, the record that failed last and the listeners that returned for it. */
    private final Map<TopicPartition, Progress> failed = new ConcurrentHashMap<>();

    /**
     * @param dispatcher    calls the listeners and monitors
     * @param dedupCapacity how many handled pushes are remembered to drop their duplicates; 0: none
     */
    public RtmRelayMessageListener(RtmPushDispatcher dispatcher, int dedupCapacity) {
        this.dispatcher = dispatcher;
        this.handled = new RelayDeduplicator(dedupCapacity);
    }

    /**
     * Handles one record.
     *
     * @throws RtmRelayFormatException when the record holds no push
     * @throws io.rtm.spring.listener.RtmListenerFailedException naming the listener that failed
     */
    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        Object push = RtmRelayCodec.decode(record.value());
        if (this.handled.isHandled(push)) {
            if (logger.isDebugEnabled()) {
                logger.debug("Dropped a duplicate relayed push at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": " + push);
            }
            return;
        }
        @Nullable TopicPartition partition = null;
        @Nullable Progress progress = null;
        if (!this.failed.isEmpty()) {
            partition = new TopicPartition(record.topic(), record.partition());
            progress = this.failed.remove(partition);
            if (progress != null && progress.offset() != record.offset()) {
                progress = null; // the failed record was recovered; this is the next one
            }
        }
        Set<String> done = (progress != null) ? progress.done() : new HashSet<>(4);
        try {
            this.dispatcher.dispatchRelayed(push, done);
        } catch (RuntimeException ex) {
            if (!done.isEmpty()) {
                this.failed.put((partition != null) ? partition
                        : new TopicPartition(record.topic(), record.partition()), new Progress(record.offset(), done));
            }
            throw ex;
        }
        this.handled.handled(push);
    }

    private record Progress(long offset, Set<String> done) {
    }
}
