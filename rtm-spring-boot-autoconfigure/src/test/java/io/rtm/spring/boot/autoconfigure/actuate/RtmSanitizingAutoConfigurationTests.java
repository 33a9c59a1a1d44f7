package io.rtm.spring.boot.autoconfigure.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RtmSanitizingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmSanitizingAutoConfiguration.class));

    @Test
    void masksTheSecretKeyAndNothingElse() {
        this.runner.run((context) -> {
            SanitizingFunction function = context.getBean("rtmSecretKeySanitizingFunction", SanitizingFunction.class);
            assertThat(function.apply(new SanitizableData(null, "rtm.secret-key", "s")).getValue())
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(function.apply(new SanitizableData(null, "secretKey", "s")).getValue())
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(function.apply(new SanitizableData(null, "rtm.project-id", 1L)).getValue()).isEqualTo(1L);
        });
    }

    @Test
    void backsOffWithoutTheActuator() {
        this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("rtmSecretKeySanitizingFunction"));
    }
}
