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
        assertReported(output, TwoPayloads.class, "onChat(String, byte[])", "declare at most one",
                "Change " + TwoPayloads.class.getName() + ".onChat(String, byte[])");
    }

    @Test
    void aReplyWithNoUserToSendItFromIsReportedNamingTheMethod(CapturedOutput output) {
        assertReported(output, ReturnsAValue.class, "onChat(RtmMessage)",
                "it returns String, a reply, but no user to send it from is given",
                "set replyFrom = \"<uid>\" on the annotation or the property rtm.listener.reply-from");
    }

    @Test
    void anAttributeThatResolvesToNothingIsReportedNamingTheMethodAndTheAttribute(CapturedOutput output) {
        assertReported(output, EmptyGroups.class, "onChat(RtmMessage)",
                "groups = \"${empty.prop:}\" resolves to nothing", "remove groups");
    }

    @Test
    void aPlaceholderWithoutItsPropertyIsReportedNamingTheMethod(CapturedOutput output) {
        assertReported(output, MissingProperty.class, "onFile(RtmMessage)",
                "users = \"${support.uid}\" cannot be resolved", "support.uid");
    }

    /** Startup with the listener fails with a report naming its method, not with a stack trace. */
    private static void assertReported(CapturedOutput output, Class<?> listener, String method, String... texts) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(App.class, listener)
            .web(WebApplicationType.NONE)
            .properties("rtm.endpoint=127.0.0.1:" + RtmStartupFailureTests.closedPort(), "rtm.project-id=11000001",
                    "rtm.secret-key=" + SECRET, "rtm.startup.timeout=300ms", "rtm.reconnect.enabled=false")
            .run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid @RtmListener method " + listener.getName() + "." + method)
            .contains("Action:")
            .contains(texts)
            .doesNotContain("\tat ")
            .doesNotContain(SECRET);
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
