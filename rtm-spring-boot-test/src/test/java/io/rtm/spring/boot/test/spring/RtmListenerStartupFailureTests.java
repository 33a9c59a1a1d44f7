package io.rtm.spring.boot.test.spring;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** An invalid {@code @RtmListener} method stops startup with a report naming it and the fix, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class RtmListenerStartupFailureTests {

    private static final String SECRET = "listener-failure-secret";

    @Test
    void aBadSignatureIsReportedNamingTheMethodAndTheFix(CapturedOutput output) {
        assertThatException().isThrownBy(() -> app(TwoPayloads.class).run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid @RtmListener method " + TwoPayloads.class.getName() + ".onChat(String, byte[])")
            .contains("declare at most one")
            .contains("Action:")
            .contains("Change " + TwoPayloads.class.getName() + ".onChat(String, byte[])")
            .doesNotContain("\tat ")
            .doesNotContain(SECRET);
    }

    @Test
    void aReturnValueIsReportedNamingTheMethod(CapturedOutput output) {
        assertThatException().isThrownBy(() -> app(ReturnsAValue.class).run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid @RtmListener method " + ReturnsAValue.class.getName() + ".onChat(RtmMessage)")
            .contains("it returns String, which nothing would receive")
            .contains("return void")
            .doesNotContain("\tat ");
    }

    @Test
    void anAttributeThatResolvesToNothingIsReportedNamingTheMethodAndTheAttribute(CapturedOutput output) {
        assertThatException().isThrownBy(() -> app(EmptyGroups.class).run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid @RtmListener method " + EmptyGroups.class.getName() + ".onChat(RtmMessage)")
            .contains("groups = \"${empty.prop:}\" resolves to nothing")
            .contains("remove groups")
            .doesNotContain("\tat ");
    }

    @Test
    void aPlaceholderWithoutItsPropertyIsReportedNamingTheMethod(CapturedOutput output) {
        assertThatException().isThrownBy(() -> app(MissingProperty.class).run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid @RtmListener method " + MissingProperty.class.getName() + ".onFile(RtmMessage)")
            .contains("users = \"${support.uid}\" cannot be resolved")
            .contains("support.uid")
            .doesNotContain("\tat ");
    }

    private static SpringApplicationBuilder app(Class<?> listener) {
        return new SpringApplicationBuilder(App.class, listener).web(WebApplicationType.NONE)
            .properties("rtm.endpoint=127.0.0.1:" + RtmStartupFailureTests.closedPort(), "rtm.project-id=11000001",
                    "rtm.secret-key=" + SECRET, "rtm.startup.timeout=300ms", "rtm.reconnect.enabled=false");
    }

    static class TwoPayloads {

        @RtmListener(RtmPushType.GROUP_CHAT)
        void onChat(String text, byte[] bytes) {
        }
    }

    static class ReturnsAValue {

        @RtmListener(RtmPushType.GROUP_CHAT)
        String onChat(RtmMessage message) {
            return message.text();
        }
    }

    static class EmptyGroups {

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "${empty.prop:}")
        void onChat(RtmMessage message) {
        }
    }

    static class MissingProperty {

        @RtmListener(value = RtmPushType.P2P_FILE, users = "${support.uid}")
        void onFile(RtmMessage message) {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
