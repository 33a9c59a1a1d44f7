package io.rtm.spring.boot.autoconfigure.actuate;

import java.util.Set;

import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps {@code rtm.secret-key} masked in the actuator's {@code env} and
 * {@code configprops} endpoints, also when an application lets them show values.
 */
@AutoConfiguration(after = RtmAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public final class RtmSanitizingAutoConfiguration {

    /** {@code env} reports the property name; {@code configprops} the key within {@code rtm}. */
    private static final Set<String> SECRET_KEYS = Set.of("rtm.secret-key", "rtm.secretkey", "secret-key",
            "secretkey");

    @Bean
    @ConditionalOnMissingBean(name = "rtmSecretKeySanitizingFunction")
    SanitizingFunction rtmSecretKeySanitizingFunction() {
        return (data) -> isSecretKey(data) ? data.withSanitizedValue() : data;
    }

    private static boolean isSecretKey(SanitizableData data) {
        return SECRET_KEYS.contains(data.getLowerCaseKey());
    }
}
