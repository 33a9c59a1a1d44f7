package io.rtm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.rtm.client.AckMode;
import io.rtm.client.RtmEncryption;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the RTM server client ({@code rtm.*}).
 */
@ConfigurationProperties("rtm")
public class RtmProperties {

    /**
     * Whether to create the RTM server client and connect to the gateway.
     */
    private boolean enabled = true;

    /**
     * Address of the RTM gateway, as host:port.
     */
    private @Nullable String endpoint;

    /**
     * RTM project id.
     */
    private @Nullable Long projectId;

    /**
     * Secret key of the RTM project, used to sign requests; never logged.
     */
    private @Nullable String secretKey;

    /**
     * Time allowed for one connection attempt (TCP connect).
     */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Time a request to the gateway waits for its answer.
     */
    private Duration questTimeout = Duration.ofSeconds(5);

    /**
     * Largest package accepted from the gateway, at least 16KB: a push needs that much room.
     */
    private DataSize maxPackageSize = DataSize.ofMegabytes(8);

    /**
     * Number of recent pushes remembered to drop duplicates; 0 turns de-duplication off.
     */
    private int dedupCapacity = 5000;

    private final Startup startup = new Startup();

    private final Reconnect reconnect = new Reconnect();

    private final KeepAlive keepAlive = new KeepAlive();

    private final Listen listen = new Listen();

    private final Listener listener = new Listener();

    private final Encryption encryption = new Encryption();

    private final Cluster cluster = new Cluster();

    private final Relay relay = new Relay();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getEndpoint() {
        return this.endpoint;
    }

    public void setEndpoint(@Nullable String endpoint) {
        this.endpoint = endpoint;
    }

    public @Nullable Long getProjectId() {
        return this.projectId;
    }

    public void setProjectId(@Nullable Long projectId) {
        this.projectId = projectId;
    }

    public @Nullable String getSecretKey() {
        return this.secretKey;
    }

    public void setSecretKey(@Nullable String secretKey) {
        this.secretKey = secretKey;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getQuestTimeout() {
        return this.questTimeout;
    }

    public void setQuestTimeout(Duration questTimeout) {
        this.questTimeout = questTimeout;
    }

    public DataSize getMaxPackageSize() {
        return this.maxPackageSize;
    }

    public void setMaxPackageSize(DataSize maxPackageSize) {
        this.maxPackageSize = maxPackageSize;
    }

    public int getDedupCapacity() {
        return this.dedupCapacity;
    }

    public void setDedupCapacity(int dedupCapacity) {
        this.dedupCapacity = dedupCapacity;
    }

    public Startup getStartup() {
        return this.startup;
    }

    public Reconnect getReconnect() {
        return this.reconnect;
    }

    public KeepAlive getKeepAlive() {
        return this.keepAlive;
    }

    public Listen getListen() {
        return this.listen;
    }

    public Listener getListener() {
        return this.listener;
    }

    public Encryption getEncryption() {
        return this.encryption;
    }

    public Cluster getCluster() {
        return this.cluster;
    }

    public Relay getRelay() {
        return this.relay;
    }

    @Override
    public String toString() {
        // the secret key is masked: this text may end up in logs
        return "RtmProperties{enabled=" + this.enabled + ", endpoint=" + this.endpoint + ", projectId="
                + this.projectId + ", secretKey=" + (this.secretKey == null ? "null" : "******")
                + ", connectTimeout=" + this.connectTimeout + ", questTimeout=" + this.questTimeout
                + ", maxPackageSize=" + this.maxPackageSize + ", dedupCapacity=" + this.dedupCapacity
                + ", startup=" + this.startup + ", reconnect=" + this.reconnect + ", keepAlive=" + this.keepAlive
                + ", listen=" + this.listen
                + ", listener=" + this.listener + ", encryption=" + this.encryption
                + ", cluster=" + this.cluster + ", relay=" + this.relay + "}";
    }

    /**
     * What the application's startup waits for.
     */
    public static class Startup {

        /**
         * How long startup waits for the first connection to the gateway (its listen set applied).
         */
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * Whether startup fails when no connection is ready within the timeout; otherwise the application
         * starts and the client keeps trying. Credentials the gateway refuses fail startup either way.
         */
        private boolean failIfUnreachable;

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isFailIfUnreachable() {
            return this.failIfUnreachable;
        }

        public void setFailIfUnreachable(boolean failIfUnreachable) {
            this.failIfUnreachable = failIfUnreachable;
        }

        @Override
        public String toString() {
            return "{timeout=" + this.timeout + ", failIfUnreachable=" + this.failIfUnreachable + "}";
        }
    }

    /**
     * Reconnecting after a lost connection.
     */
    public static class Reconnect {

        /**
         * Whether to reconnect after a lost connection.
         */
        private boolean enabled = true;

        /**
         * Delay before the first reconnect attempt.
         */
        private Duration initialDelay = Duration.ofMillis(100);

        /**
         * Longest delay between reconnect attempts.
         */
        private Duration maxDelay = Duration.ofSeconds(10);

        /**
         * Growth of the delay per failed attempt (at least 1).
         */
        private double multiplier = 2.0;

        /**
         * Random fraction, 0 to 1, taken off each delay (and added to each fast retry) so that many clients do
         * not return at once.
         */
        private double jitter = 0.2;

        /**
         * Delay between attempts right after a working connection was lost, while the gateway refuses
         * connections (it is most likely restarting).
         */
        private Duration fastRetryInterval = Duration.ofMillis(200);

        /**
         * How long after a lost connection the fast retries go on before the back-off grows; 0 turns them off.
         */
        private Duration fastRetryWindow = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInitialDelay() {
            return this.initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public Duration getFastRetryInterval() {
            return this.fastRetryInterval;
        }

        public void setFastRetryInterval(Duration fastRetryInterval) {
            this.fastRetryInterval = fastRetryInterval;
        }

        public Duration getFastRetryWindow() {
            return this.fastRetryWindow;
        }

        public void setFastRetryWindow(Duration fastRetryWindow) {
            this.fastRetryWindow = fastRetryWindow;
        }

        @Override
        public String toString() {
            return "{enabled=" + this.enabled + ", initialDelay=" + this.initialDelay + ", maxDelay=" + this.maxDelay
                    + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter + ", fastRetryInterval="
                    + this.fastRetryInterval + ", fastRetryWindow=" + this.fastRetryWindow + "}";
        }
    }

    /**
     * Client keepalive pings.
     */
    public static class KeepAlive {

        /**
         * Whether to ping the gateway when the connection is silent.
         */
        private boolean enabled = true;

        /**
         * Silence before the first ping.
         */
        private Duration pingInterval = Duration.ofSeconds(20);

        /**
         * Time given to each ping, and the spacing of further pings.
         */
        private Duration pingTimeout = Duration.ofSeconds(5);

        /**
         * Unanswered pings after which the connection counts as lost.
         */
        private int retries = 3;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPingInterval() {
            return this.pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public Duration getPingTimeout() {
            return this.pingTimeout;
        }

        public void setPingTimeout(Duration pingTimeout) {
            this.pingTimeout = pingTimeout;
        }

        public int getRetries() {
            return this.retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        @Override
        public String toString() {
            return "{enabled=" + this.enabled + ", pingInterval=" + this.pingInterval + ", pingTimeout="
                    + this.pingTimeout + ", retries=" + this.retries + "}";
        }
    }

    /**
     * What to listen to once connected, in addition to the ids named on {@code @RtmListener} methods.
     */
    public static class Listen {

        /**
         * Group ids whose messages are pushed.
         */
        private Set<Long> groups = new LinkedHashSet<>();

        /**
         * Room ids whose messages are pushed.
         */
        private Set<Long> rooms = new LinkedHashSet<>();

        /**
         * User ids whose incoming P2P messages are pushed.
         */
        private Set<Long> users = new LinkedHashSet<>();

        /**
         * Event names pushed, such as login and logout.
         */
        private Set<String> events = new LinkedHashSet<>();

        /**
         * Whether every P2P message of the project is pushed.
         */
        private boolean allP2p;

        /**
         * Whether every group message of the project is pushed.
         */
        private boolean allGroups;

        /**
         * Whether every room message of the project is pushed.
         */
        private boolean allRooms;

        /**
         * Whether every event of the project is pushed.
         */
        private boolean allEvents;

        public Set<Long> getGroups() {
            return this.groups;
        }

        public void setGroups(Set<Long> groups) {
            this.groups = groups;
        }

        public Set<Long> getRooms() {
            return this.rooms;
        }

        public void setRooms(Set<Long> rooms) {
            this.rooms = rooms;
        }

        public Set<Long> getUsers() {
            return this.users;
        }

        public void setUsers(Set<Long> users) {
            this.users = users;
        }

        public Set<String> getEvents() {
            return this.events;
        }

        public void setEvents(Set<String> events) {
            this.events = events;
        }

        public boolean isAllP2p() {
            return this.allP2p;
        }

        public void setAllP2p(boolean allP2p) {
            this.allP2p = allP2p;
        }

        public boolean isAllGroups() {
            return this.allGroups;
        }

        public void setAllGroups(boolean allGroups) {
            this.allGroups = allGroups;
        }

        public boolean isAllRooms() {
            return this.allRooms;
        }

        public void setAllRooms(boolean allRooms) {
            this.allRooms = allRooms;
        }

        public boolean isAllEvents() {
            return this.allEvents;
        }

        public void setAllEvents(boolean allEvents) {
            this.allEvents = allEvents;
        }

        @Override
        public String toString() {
            return "{groups=" + this.groups + ", rooms=" + this.rooms + ", users=" + this.users + ", events="
                    + this.events + ", allP2p=" + this.allP2p + ", allGroups=" + this.allGroups + ", allRooms="
                    + this.allRooms + ", allEvents=" + this.allEvents + "}";
        }
    }

    /**
     * Threads that call {@code @RtmListener} methods and push monitors.
     */
    public static class Listener {

        /**
         * Number of threads calling listeners, 1 to 256; pushes of one conversation always stay on one thread.
         */
        private int concurrency = 2;

        /**
         * Pushes waiting for listeners beyond which the client stops reading from the gateway.
         */
        private int queueCapacity = 10_000;

        /**
         * Time given on shutdown to listener calls for pushes already received.
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /**
         * When a push is answered to the gateway, which then counts it as delivered: after-handling (once its
         * listeners returned) or on-receipt (as soon as it is read).
         */
        private AckMode ackMode = AckMode.AFTER_HANDLING;

        /**
         * The user that listener methods' replies are sent from when their @RtmListener names no replyFrom.
         */
        private @Nullable Long replyFrom;

        private final Retry retry = new Retry();

        public int getConcurrency() {
            return this.concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public AckMode getAckMode() {
            return this.ackMode;
        }

        public void setAckMode(AckMode ackMode) {
            this.ackMode = ackMode;
        }

        public @Nullable Long getReplyFrom() {
            return this.replyFrom;
        }

        public void setReplyFrom(@Nullable Long replyFrom) {
            this.replyFrom = replyFrom;
        }

        public Retry getRetry() {
            return this.retry;
        }

        @Override
        public String toString() {
            return "{concurrency=" + this.concurrency + ", queueCapacity=" + this.queueCapacity
                    + ", shutdownTimeout=" + this.shutdownTimeout + ", ackMode=" + this.ackMode + ", replyFrom="
                    + this.replyFrom + ", retry=" + this.retry + "}";
        }
    }

    /** Calls of a failed listener again, before the recoverer decides about the push. */
    public static class Retry {

        /**
         * Whether a failed listener is called again, on the push's thread: the pushes of its conversation wait.
         */
        private boolean enabled;

        /**
         * Calls of a listener per push at most, the first included.
         */
        private int maxAttempts = 3;

        /**
         * Time before the second call.
         */
        private Duration initialInterval = Duration.ofSeconds(1);

        /**
         * Factor applied to the time before each further call.
         */
        private double multiplier = 1.0;

        /**
         * Longest time between two calls.
         */
        private Duration maxInterval = Duration.ofSeconds(10);

        /**
         * The retry policy these settings describe, for the listeners' error handling wherever they run.
         *
         * @return {@code null} when retries are off
         * @throws InvalidRtmPropertyException naming every setting that is invalid
         */
        public @Nullable RetryPolicy toRetryPolicy() {
            return RtmClientSettings.listenerRetry(this);
        }

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return this.initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return this.maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        @Override
        public String toString() {
            return "{enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialInterval="
                    + this.initialInterval + ", multiplier=" + this.multiplier + ", maxInterval=" + this.maxInterval
                    + "}";
        }
    }

    /**
     * Encrypting the connection: an ECDH key exchange with the gateway's public key, then AES.
     */
    public static class Encryption {

        /**
         * The gateway's public key (PEM, DER, or raw X and Y with the curve named); setting it turns encryption on.
         */
        private @Nullable Resource publicKey;

        /**
         * Curve of the gateway's key (secp256k1, secp256r1, secp224r1 or secp192r1); required for a raw key, and
         * only with the public key.
         */
        private @Nullable String curve;

        /**
         * How frames are enciphered: each on its own (package) or as one stream per direction (stream); only
         * with the public key.
         */
        private RtmEncryption.Mode mode = RtmEncryption.Mode.PACKAGE;

        /**
         * AES key size in bits, 128 or 256; only with the public key.
         */
        private int keySize = 128;

        public @Nullable Resource getPublicKey() {
            return this.publicKey;
        }

        public void setPublicKey(@Nullable Resource publicKey) {
            this.publicKey = publicKey;
        }

        public @Nullable String getCurve() {
            return this.curve;
        }

        public void setCurve(@Nullable String curve) {
            this.curve = curve;
        }

        public RtmEncryption.Mode getMode() {
            return this.mode;
        }

        public void setMode(RtmEncryption.Mode mode) {
            this.mode = mode;
        }

        public int getKeySize() {
            return this.keySize;
        }

        public void setKeySize(int keySize) {
            this.keySize = keySize;
        }

        @Override
        public String toString() {
            return (this.publicKey == null) ? "off"
                    : "{publicKey=" + this.publicKey.getDescription() + ", curve=" + this.curve + ", mode="
                            + this.mode + ", keySize=" + this.keySize + "}";
        }
    }

    /**
     * Several instances of the application: one of them, the leader, listens; the others stand by.
     */
    public static class Cluster {

        /**
         * Whether the instances elect one leader, the only one listening, through a distributed Spring
         * Integration LockRegistry (JDBC on the application's DataSource unless the application defines one).
         */
        private boolean enabled;

        /**
         * Name of the leadership the instances compete for: the key of the lock, so that several applications
         * can share one lock store.
         */
        private String role = "rtm";

        /**
         * Time to live of the lock in the JDBC lock registry the starter builds: how long the others wait for a
         * leader that went without releasing it. Longer than the retry interval.
         */
        private Duration lockTtl = Duration.ofSeconds(10);

        /**
         * How often a standby tries for the lock and the leader renews it.
         */
        private Duration retryInterval = Duration.ofMillis(500);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getRole() {
            return this.role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public Duration getLockTtl() {
            return this.lockTtl;
        }

        public void setLockTtl(Duration lockTtl) {
            this.lockTtl = lockTtl;
        }

        public Duration getRetryInterval() {
            return this.retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }

        @Override
        public String toString() {
            return (!this.enabled) ? "off"
                    : "{role=" + this.role + ", lockTtl=" + this.lockTtl + ", retryInterval=" + this.retryInterval
                            + "}";
        }
    }

    /**
     * Where received pushes are handed on, for the listener work to be shared by all instances.
     */
    public static class Relay {

        private final Kafka kafka = new Kafka();

        public Kafka getKafka() {
            return this.kafka;
        }

        @Override
        public String toString() {
            return "{kafka=" + this.kafka + "}";
        }
    }

    /**
     * The Kafka relay: the receiving instance publishes every push to a topic keyed by conversation, and every
     * instance consumes the topic in one consumer group and calls its listener methods. Producer and consumer
     * take their connection settings from spring.kafka.*.
     */
    public static class Kafka {

        /**
         * Whether received pushes are relayed through Kafka instead of handled where they arrive.
         */
        private boolean enabled;

        /**
         * The topic the pushes are relayed through.
         */
        private String topic = "rtm-pushes";

        /**
         * Partitions of the topic when the starter creates it (it does when the topic does not exist): at least
         * as many as consumer threads across all instances.
         */
        private int partitions = 12;

        /**
         * The consumer group every instance consumes the topic in. A group that starts with no committed offsets
         * reads the topic from its beginning: nothing relayed before it joined is lost.
         */
        private String groupId = "rtm-relay";

        /**
         * Whether this instance consumes the topic and calls its listeners; false for one that only receives
         * and relays.
         */
        private boolean consume = true;

        /**
         * Consumer threads per instance; by default rtm.listener.concurrency.
         */
        private @Nullable Integer concurrency;

        /**
         * Topic that records whose listeners failed for good (after rtm.listener.retry.*) are published to,
         * with spring-kafka's DeadLetterPublishingRecoverer; without one, the RtmListenerRecoverer bean decides.
         */
        private @Nullable String deadLetterTopic;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTopic() {
            return this.topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public int getPartitions() {
            return this.partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public String getGroupId() {
            return this.groupId;
        }

        public void setGroupId(String groupId) {
            this.groupId = groupId;
        }

        public boolean isConsume() {
            return this.consume;
        }

        public void setConsume(boolean consume) {
            this.consume = consume;
        }

        public @Nullable Integer getConcurrency() {
            return this.concurrency;
        }

        public void setConcurrency(@Nullable Integer concurrency) {
            this.concurrency = concurrency;
        }

        public @Nullable String getDeadLetterTopic() {
            return this.deadLetterTopic;
        }

        public void setDeadLetterTopic(@Nullable String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
        }

        @Override
        public String toString() {
            return (!this.enabled) ? "off"
                    : "{topic=" + this.topic + ", partitions=" + this.partitions + ", groupId=" + this.groupId
                            + ", consume=" + this.consume + ", concurrency=" + this.concurrency + ", deadLetterTopic="
                            + this.deadLetterTopic + "}";
        }
    }
}
