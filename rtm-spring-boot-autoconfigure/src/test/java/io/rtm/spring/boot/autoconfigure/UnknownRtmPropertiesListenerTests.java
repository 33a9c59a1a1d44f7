package io.rtm.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown keys under {@code rtm.} are named with the closest known property; nothing else is. */
class UnknownRtmPropertiesListenerTests {

    @Test
    void anUnknownKeyIsNamedWithTheClosestKnownProperty() {
        assertThat(warnings(Map.of("rtm.listen.group", "1001"))).singleElement()
            .asString()
            .contains("Unknown property 'rtm.listen.group'")
            .contains("did you mean 'rtm.listen.groups'?")
            .doesNotContain("1001");
        assertThat(warnings(Map.of("rtm.endpiont", "gateway:13315"))).singleElement()
            .asString()
            .contains("Unknown property 'rtm.endpiont'")
            .contains("did you mean 'rtm.endpoint'?")
            .doesNotContain("gateway:13315");
    }

    @Test
    void anUnknownListIsNamedOnceWithoutItsIndexes() {
        assertThat(warnings(Map.of("rtm.listen.group[0]", "1001", "rtm.listen.group[1]", "1002"))).singleElement()
            .asString()
            .contains("Unknown property 'rtm.listen.group'")
            .contains("did you mean 'rtm.listen.groups'?");
    }

    @Test
    void knownKeysInAnyFormAndKeysOfOtherPrefixesAreNotNamed() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("rtm.endpoint", "gateway:13315");
        properties.put("rtm.secretKey", "x");
        properties.put("rtm.listen.groups[0]", "1001");
        properties.put("rtm.listen.all-p2p", "true");
        properties.put("rtm.encryption.key-size", "256");
        properties.put("rtmx.anything", "1");
        properties.put("spring.rtm.endpoint", "1");
        properties.put("management.health.rtm.enabled", "false");
        assertThat(warnings(properties)).isEmpty();
    }

    @Test
    void theEnvironmentVariablesBehindPlaceholdersAreNotNamed() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    Map.of("RTM_SECRET_KEY", "x", "RTM_PROJECT_ID", "1")));
        ConfigurationPropertySources.attach(environment);
        assertThat(UnknownRtmPropertiesListener.warnings(environment, getClass().getClassLoader())).isEmpty();
    }

    private List<String> warnings(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        ConfigurationPropertySources.attach(environment);
        return UnknownRtmPropertiesListener.warnings(environment, getClass().getClassLoader());
    }
}
