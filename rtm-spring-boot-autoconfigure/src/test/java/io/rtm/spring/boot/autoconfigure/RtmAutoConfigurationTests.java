package io.rtm.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.KeepAlivePolicy;
import io.rtm.client.ListenState;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.EnableRtm;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.annotation.RtmListenerAnnotationBeanPostProcessor;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import io.rtm.spring.listener.DefaultRtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerRecoverer;
import io.rtm.spring.listener.RtmPushDispatcher;
import io.rtm.spring.listener.adapter.RtmPayloadConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class RtmAutoConfigurationTests {

    static final String SECRET = "s3cr3t-Value-42";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class))
        .withPropertyValues("rtm.endpoint=127.0.0.1:" + closedPort(), "rtm.project-id=11000001",
                "rtm.secret-key=" + SECRET, "rtm.reconnect.enabled=false", "rtm.connect-timeout=2s");

    @Test
    void createsTheClientAndItsCollaboratorsWithDefaults() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(RtmServerClient.class)
                .hasSingleBean(RtmConnectionDetails.class)
                .hasSingleBean(RtmPushDispatcher.class)
                .hasSingleBean(RtmListenerEndpointRegistry.class)
                .hasSingleBean(RtmListenerErrorHandler.class)
                .hasSingleBean(RtmListenerRecoverer.class)
                .hasSingleBean(RtmConnectionLifecycle.class)
                .hasSingleBean(RtmPayloadConverter.class)
                .hasSingleBean(RtmListenerAnnotationBeanPostProcessor.class)
                .hasBean(RtmListenerConfigUtils.RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
            RtmServerClient client = context.getBean(RtmServerClient.class);
            assertThat(client.projectId()).isEqualTo(11000001L);
            assertThat(client.endpoint().host()).isEqualTo("127.0.0.1");
            assertThat(client.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void propertyDefaultsMatchTheClientDefaults() {
        RtmProperties properties = new RtmProperties();
        RtmProperties.Reconnect reconnect = properties.getReconnect();
        assertThat(new ReconnectPolicy(reconnect.isEnabled(), reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                reconnect.getMultiplier(), reconnect.getJitter())).isEqualTo(ReconnectPolicy.DEFAULT);
        RtmProperties.KeepAlive keepAlive = properties.getKeepAlive();
        assertThat(new KeepAlivePolicy(keepAlive.isEnabled(), keepAlive.getPingInterval(), keepAlive.getPingTimeout(),
                keepAlive.getRetries())).isEqualTo(KeepAlivePolicy.DEFAULT);
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getMaxPackageSize()).isEqualTo(DataSize.ofMegabytes(8));
        assertThat(properties.getDedupCapacity()).isEqualTo(5000);
        assertThat(properties.getListener().getConcurrency()).isEqualTo(2);
        assertThat(properties.getListener().getQueueCapacity()).isEqualTo(10_000);
        assertThat(properties.getListener().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void bindsOverrides() {
        this.runner
            .withPropertyValues("rtm.quest-timeout=750ms", "rtm.max-package-size=2MB", "rtm.dedup-capacity=10",
                    "rtm.reconnect.initial-delay=1s", "rtm.reconnect.max-delay=1m", "rtm.reconnect.multiplier=3",
                    "rtm.reconnect.jitter=0", "rtm.keep-alive.enabled=false", "rtm.keep-alive.ping-interval=7s",
                    "rtm.keep-alive.ping-timeout=2s", "rtm.keep-alive.retries=5", "rtm.listen.groups=1001,1002",
                    "rtm.listen.rooms=2001", "rtm.listen.users=3001", "rtm.listen.events=login,logout",
                    "rtm.listen.all-p2p=true", "rtm.listener.concurrency=4", "rtm.listener.queue-capacity=50",
                    "rtm.listener.shutdown-timeout=3s")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                RtmProperties properties = context.getBean(RtmProperties.class);
                assertThat(properties.getQuestTimeout()).isEqualTo(Duration.ofMillis(750));
                assertThat(properties.getMaxPackageSize()).isEqualTo(DataSize.ofMegabytes(2));
                assertThat(properties.getDedupCapacity()).isEqualTo(10);
                assertThat(properties.getReconnect().getInitialDelay()).isEqualTo(Duration.ofSeconds(1));
                assertThat(properties.getReconnect().getMaxDelay()).isEqualTo(Duration.ofMinutes(1));
                assertThat(properties.getReconnect().getMultiplier()).isEqualTo(3.0);
                assertThat(properties.getKeepAlive().isEnabled()).isFalse();
                assertThat(properties.getKeepAlive().getRetries()).isEqualTo(5);
                assertThat(properties.getListen().getGroups()).containsExactly(1001L, 1002L);
                assertThat(properties.getListen().getRooms()).containsExactly(2001L);
                assertThat(properties.getListen().getUsers()).containsExactly(3001L);
                assertThat(properties.getListen().getEvents()).containsExactly("login", "logout");
                assertThat(properties.getListen().isAllP2p()).isTrue();
                assertThat(properties.getListener().getConcurrency()).isEqualTo(4);
                assertThat(properties.getListener().getQueueCapacity()).isEqualTo(50);
                assertThat(properties.getListener().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(context.getBean("rtmListenProperties", ListenState.class)).isEqualTo(new ListenState(
                        Set.of(1001L, 1002L), Set.of(2001L), Set.of(3001L), Set.of("login", "logout"), true, false,
                        false, false));
            });
    }

    @Test
    void propertiesToStringMasksTheSecret() {
        this.runner.run((context) -> assertThat(context.getBean(RtmProperties.class).toString())
            .contains("secretKey=******")
            .doesNotContain(SECRET));
    }

    @Test
    void backsOffWhenTheApplicationDefinesTheClient() {
        this.runner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(RtmServerClient.class);
            assertThat(context.getBean(RtmServerClient.class)).isSameAs(context.getBean("userClient"));
        });
    }

    @Test
    void anApplicationsOwnAnnotationPostProcessorTurnsTheImportOfEnableRtmOff() {
        this.runner.withBean(RtmListenerConfigUtils.RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME,
                RtmListenerAnnotationBeanPostProcessor.class, RtmListenerAnnotationBeanPostProcessor::new)
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(RtmListenerAnnotationBeanPostProcessor.class)
                .hasSingleBean(RtmServerClient.class)
                .doesNotHaveBean(RtmListenerConfigUtils.RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
                .doesNotHaveBean(RtmPushDispatcher.class)
                .doesNotHaveBean(RtmConnectionLifecycle.class));
    }

    @Test
    void anApplicationThatEnablesRtmItselfKeepsItsInfrastructure() {
        this.runner.withUserConfiguration(UserEnableRtmConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(RtmListenerAnnotationBeanPostProcessor.class)
                .hasSingleBean(RtmPushDispatcher.class)
                .hasSingleBean(RtmConnectionLifecycle.class);
            assertThat(context.getBean(RtmConnectionLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesConnectionDetails() {
        this.runner.withPropertyValues("rtm.endpoint=", "rtm.secret-key=")
            .withBean(RtmConnectionDetails.class, () -> new RtmConnectionDetails() {
                @Override
                public String host() {
                    return "127.0.0.1";
                }

                @Override
                public int port() {
                    return closedPort();
                }

                @Override
                public long projectId() {
                    return 42;
                }

                @Override
                public String secretKey() {
                    return "other";
                }
            })
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(RtmConnectionDetails.class);
                assertThat(context.getBean(RtmServerClient.class).projectId()).isEqualTo(42L);
            });
    }

    @Test
    void disabledByProperty() {
        this.runner.withPropertyValues("rtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(RtmServerClient.class)
                .doesNotHaveBean(RtmPushDispatcher.class)
                .doesNotHaveBean(RtmListenerAnnotationBeanPostProcessor.class));
    }

    @Test
    void runsWithoutJackson() {
        this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
            .withUserConfiguration(TextListener.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(RtmPayloadConverter.class)
                .hasSingleBean(RtmPushDispatcher.class));
    }

    @Test
    void withoutJacksonAJsonParameterFailsWithAClearMessage() {
        this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
            .withUserConfiguration(JsonListener.class)
            .run((context) -> {
                assertThat(context).hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(JsonListener.class.getName() + ".onOrder(Order)")
                    .hasMessageContaining("needs Jackson");
                FailureAnalysis analysis = new InvalidRtmListenerFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).as("failure analysis").isNotNull();
                assertThat(analysis.getDescription()).contains(JsonListener.class.getName() + ".onOrder(Order)");
                assertThat(analysis.getAction()).contains("Change " + JsonListener.class.getName() + ".onOrder(Order)");
            });
    }

    @Test
    void customizersAreAppliedInOrder() {
        this.runner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(CustomizerConfiguration.calls).containsExactly("first", "second");
        });
    }

    @Test
    void missingEndpointIsAnalyzed() {
        assertAnalysis(this.runner.withPropertyValues("rtm.endpoint="), "rtm.endpoint", "is not set");
    }

    @Test
    void invalidEndpointIsAnalyzed() {
        assertAnalysis(this.runner.withPropertyValues("rtm.endpoint=gateway-without-port"), "rtm.endpoint",
                "is invalid");
        assertAnalysis(this.runner.withPropertyValues("rtm.endpoint=gateway:70000"), "rtm.endpoint", "is invalid");
    }

    @Test
    void anEndpointWithASchemeIsAnalyzedShowingTheHostPortForm() {
        this.runner.withPropertyValues("rtm.endpoint=tcp://localhost:13315").run((context) -> {
            assertAnalysis(context, "rtm.endpoint",
                    "is invalid: 'tcp://localhost:13315' starts with a scheme (tcp://)");
            FailureAnalysis analysis = new InvalidRtmPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).doesNotContain("IPv6");
            assertThat(analysis.getAction()).contains("rtm.endpoint=localhost:13315").doesNotContain("IPv6");
        });
    }

    @Test
    void missingProjectIdIsAnalyzed() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class))
            .withPropertyValues("rtm.endpoint=127.0.0.1:13315", "rtm.secret-key=" + SECRET)
            .run((context) -> assertAnalysis(context, "rtm.project-id", "is not set"));
    }

    @Test
    void everyMissingRequiredPropertyIsAnalyzedInOneReport() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class))
            .run((context) -> {
                assertAnalysis(context, List.of("rtm.endpoint", "rtm.project-id", "rtm.secret-key"), "is not set");
                assertThat(new InvalidRtmPropertyFailureAnalyzer().analyze(context.getStartupFailure())
                    .getDescription()).contains("Property 'rtm.endpoint' is not set")
                    .contains("Property 'rtm.project-id' is not set")
                    .contains("Property 'rtm.secret-key' is not set");
            });
    }

    @Test
    void invalidAndMissingRequiredPropertiesAreAnalyzedInOneReport() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class))
            .withPropertyValues("rtm.endpoint=gateway-without-port", "rtm.project-id=eleven")
            .run((context) -> {
                assertAnalysis(context, List.of("rtm.endpoint", "rtm.project-id", "rtm.secret-key"), "");
                FailureAnalysis analysis = new InvalidRtmPropertyFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Property 'rtm.endpoint' is invalid")
                    .contains("Property 'rtm.project-id' is invalid: 'eleven' is not a number")
                    .contains("Property 'rtm.secret-key' is not set");
            });
    }

    @Test
    void unresolvedPlaceholdersAreAnalyzedNamingThem() {
        this.runner.withPropertyValues("rtm.endpoint=${RTM_TEST_UNSET_ENDPOINT}",
                "rtm.project-id=${RTM_TEST_UNSET_PROJECT_ID}", "rtm.secret-key=${RTM_TEST_UNSET_SECRET_KEY}")
            .run((context) -> {
                assertAnalysis(context, List.of("rtm.endpoint", "rtm.project-id", "rtm.secret-key"),
                        "is the unresolved placeholder");
                FailureAnalysis analysis = new InvalidRtmPropertyFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription())
                    .contains("Property 'rtm.endpoint' is the unresolved placeholder ${RTM_TEST_UNSET_ENDPOINT}")
                    .contains("Property 'rtm.project-id' is the unresolved placeholder ${RTM_TEST_UNSET_PROJECT_ID}")
                    .contains("Property 'rtm.secret-key' is the unresolved placeholder ${RTM_TEST_UNSET_SECRET_KEY}");
                assertThat(analysis.getAction()).contains("RTM_TEST_UNSET_SECRET_KEY");
            });
    }

    @Test
    void aSecretWithAnUnresolvedPlaceholderIsAnalyzedShowingThePlaceholderOnly() {
        assertAnalysis(this.runner.withPropertyValues("rtm.secret-key=" + SECRET + "${RTM_TEST_UNSET_SUFFIX}"),
                "rtm.secret-key", "holds the unresolved placeholder ${RTM_TEST_UNSET_SUFFIX}");
    }

    @Test
    void invalidProjectIdIsAnalyzed() {
        assertAnalysis(this.runner.withPropertyValues("rtm.project-id=0"), "rtm.project-id", "not positive");
    }

    @Test
    void missingSecretKeyIsAnalyzed() {
        assertAnalysis(this.runner.withPropertyValues("rtm.secret-key="), "rtm.secret-key", "is not set");
    }

    @Test
    void invalidSecretKeyIsAnalyzedWithoutShowingIt() {
        // a property source keeps the spaces that inline property values would trim
        assertAnalysis(this.runner.withInitializer((context) -> context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("padded", Map.of("rtm.secret-key", " " + SECRET + " ")))),
                "rtm.secret-key", "white space");
    }

    @Test
    void invalidTuningIsAnalyzed() {
        assertAnalysis(this.runner.withPropertyValues("rtm.listener.concurrency=0"), "rtm.listener.concurrency",
                "must be between 1 and 256, not 0");
        assertAnalysis(this.runner.withPropertyValues("rtm.reconnect.jitter=2"), "rtm.reconnect", "jitter");
    }

    @Test
    void listenerConcurrencyIsBounded() {
        // beyond the bound, not far beyond: a value that passed would start that many threads
        assertAnalysis(this.runner.withPropertyValues("rtm.listener.concurrency=257"), "rtm.listener.concurrency",
                "must be between 1 and 256, not 257");
        this.runner.withPropertyValues("rtm.listener.concurrency=256")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void listenerRetriesAreOffByDefaultAndOnWithTheirProperties() {
        this.runner.run((context) -> assertThat(context.getBean(RtmListenerErrorHandler.class))
            .isInstanceOf(DefaultRtmListenerErrorHandler.class)
            .extracting("retries")
            .isNull());
        this.runner
            .withPropertyValues("rtm.listener.retry.enabled=true", "rtm.listener.retry.max-attempts=5",
                    "rtm.listener.retry.initial-interval=200ms", "rtm.listener.retry.multiplier=2",
                    "rtm.listener.retry.max-interval=1s")
            .run((context) -> assertThat(context.getBean(RtmListenerErrorHandler.class)).extracting("retries")
                .extracting("retryPolicy")
                .satisfies((policy) -> assertThat(policy.toString()).contains("initialInterval=200",
                        "multiplier=2.0", "maxInterval=1000", "maxAttempts=4")));
    }

    @Test
    void invalidListenerRetriesAreAnalyzedTogether() {
        this.runner
            .withPropertyValues("rtm.listener.retry.enabled=true", "rtm.listener.retry.max-attempts=0",
                    "rtm.listener.retry.multiplier=0.5", "rtm.listener.retry.initial-interval=5s",
                    "rtm.listener.retry.max-interval=1s")
            .run((context) -> {
                assertAnalysis(context, List.of("rtm.listener.retry.max-attempts", "rtm.listener.retry.multiplier",
                        "rtm.listener.retry.max-interval"), "must be at least 1, not 0");
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("must be at least 1, not 0.5")
                    .hasMessageContaining("shorter than rtm.listener.retry.initial-interval");
            });
    }

    @Test
    void maxPackageSizeMustHoldAPush() {
        assertAnalysis(this.runner.withPropertyValues("rtm.max-package-size=10B"), "rtm.max-package-size",
                "must be between 16KB and 2GB, not 10B");
        assertAnalysis(this.runner.withPropertyValues("rtm.max-package-size=16383B"), "rtm.max-package-size",
                "must be between 16KB and 2GB");
        this.runner.withPropertyValues("rtm.max-package-size=16KB")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void encryptionSettingsWithoutAPublicKeyAreAnalyzedTogether() {
        this.runner.withPropertyValues("rtm.encryption.curve=secp256k1", "rtm.encryption.key-size=256",
                "rtm.encryption.mode=stream").run((context) -> {
                    assertAnalysis(context, List.of("rtm.encryption.curve", "rtm.encryption.key-size",
                            "rtm.encryption.mode"), "is set, but rtm.encryption.public-key is not");
                    assertThat(new InvalidRtmPropertyFailureAnalyzer().analyze(context.getStartupFailure())
                        .getAction()).contains("Set rtm.encryption.public-key");
                });
        // the default, written out, is a setting without a key all the same
        assertAnalysis(this.runner.withPropertyValues("rtm.encryption.key-size=128"), "rtm.encryption.key-size",
                "is set, but rtm.encryption.public-key is not");
    }

    @Test
    void everyInvalidTuningPropertyIsAnalyzedInOneReport() {
        assertAnalysis(this.runner.withPropertyValues("rtm.quest-timeout=0s", "rtm.dedup-capacity=-1",
                "rtm.listener.queue-capacity=0"), List.of("rtm.quest-timeout", "rtm.dedup-capacity",
                        "rtm.listener.queue-capacity"), "");
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("generated metadata").isNotNull();
            JsonNode properties = JsonMapper.shared().readTree(metadata).get("properties");
            assertThat(properties.size()).isGreaterThanOrEqualTo(28);
            for (JsonNode property : properties) {
                assertThat(property.path("description").asString("")).as(property.get("name").asString())
                    .isNotBlank();
            }
        }
    }

    private static void assertAnalysis(ApplicationContextRunner runner, String property, String problem) {
        runner.run((context) -> assertAnalysis(context, property, problem));
    }

    private static void assertAnalysis(ApplicationContextRunner runner, List<String> properties, String problem) {
        runner.run((context) -> assertAnalysis(context, properties, problem));
    }

    private static void assertAnalysis(AssertableApplicationContext context, String property, String problem) {
        assertAnalysis(context, List.of(property), problem);
    }

    private static void assertAnalysis(AssertableApplicationContext context, List<String> properties,
            String problem) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new InvalidRtmPropertyFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("failure analysis").isNotNull();
        for (String property : properties) {
            assertThat(analysis.getDescription()).contains("Property '" + property + "'");
            assertThat(analysis.getAction()).contains(property);
        }
        assertThat(analysis.getDescription()).contains(problem).doesNotContain(SECRET);
        assertThat(analysis.getAction()).doesNotContain(SECRET);
        Throwable failure = context.getStartupFailure();
        while (failure != null) {
            assertThat(String.valueOf(failure.getMessage())).doesNotContain(SECRET);
            failure = failure.getCause();
        }
    }

    /** A loopback port picked at run time that nothing listens on: connecting fails at once. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserClientConfiguration {

        @Bean
        RtmServerClient userClient() {
            return RtmServerClient.builder().endpoint("127.0.0.1", closedPort()).projectId(7).secretKey("x")
                .reconnect(ReconnectPolicy.DISABLED).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableRtm
    static class UserEnableRtmConfiguration {
    }

    /** A listener with a text parameter: needs no JSON support. */
    static class TextListener {

        @RtmListener(RtmPushType.GROUP_CHAT)
        void onChat(String text) {
        }
    }

    /** A listener whose parameter only JSON support can give. */
    static class JsonListener {

        record Order(String item, int quantity) {
        }

        @RtmListener(RtmPushType.ROOM_CMD)
        void onOrder(Order order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        static final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        RtmClientCustomizer second() {
            return (builder) -> calls.add("second");
        }

        @Bean
        @Order(1)
        RtmClientCustomizer first() {
            return (builder) -> {
                calls.clear();
                calls.add("first");
            };
        }
    }
}
