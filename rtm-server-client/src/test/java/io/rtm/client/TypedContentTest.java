package io.rtm.client;

import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Audio recordings and chat translations, read on demand from pushes that came over a real socket. */
class TypedContentTest {

    private RtmTestServer server;
    private RtmServerClient client;
    private final RecordingMonitor monitor = new RecordingMonitor();

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    private RtmMessage pushed(int mtype, String msg, String attrs) {
        if (server == null) {
            server = RtmTestServer.builder().build().start();
            client = clientFor(server).serverPushMonitor(monitor).build();
            client.connect();
            client.addListen(Set.of(1001L), null, null, null);
        }
        int before = monitor.messages().size();
        server.pushGroupMessage(7, 1001, before + 1, mtype, msg, attrs);
        server.awaitCondition(WAIT, "received", () -> monitor.messages().size() == before + 1);
        return monitor.messages().get(before);
    }

    @Test
    void anAudioMessageHasItsRecordingsInfo() {
        RtmMessage audio = pushed(41, "{\"url\":\"https://files.example/v.amr\",\"size\":5120}",
                "{\"rtm\":{\"type\":\"audiomsg\",\"lang\":\"en-US\",\"codec\":\"amr-wb\",\"srate\":16000,"
                        + "\"duration\":3200,\"ext\":\"amr\"},\"custom\":\"\"}");
        RtmAudioInfo info = audio.fileInfo().orElseThrow().audio().orElseThrow();
        assertThat(info).isEqualTo(new RtmAudioInfo("en-US", "amr-wb", 16000, 3200));

        RtmMessage image = pushed(40, "{\"url\":\"https://files.example/a.png\",\"size\":1}",
                "{\"rtm\":{\"ext\":\"png\"}}");
        assertThat(image.fileInfo().orElseThrow().audio()).isEmpty();
    }

    @Test
    void aTranslatedChatHasItsTranslationAndKeepsItsText() {
        String json = "{\"source\":\"en\",\"target\":\"zh\",\"sourceText\":\"hello\",\"targetText\":\"\\u4f60\\u597d\"}";
        RtmMessage chat = pushed(30, json, "");
        assertThat(chat.translation()).contains(new RtmTranslation("en", "zh", "hello", "你好"));
        assertThat(chat.text()).isEqualTo(json);
    }

    @Test
    void whatIsNoTranslationHasNoneAndLosesNothing() {
        assertThat(pushed(30, "just a chat", "").translation()).isEmpty();
        RtmMessage broken = pushed(30, "{\"source\":\"en\",", "");
        assertThat(broken.translation()).isEmpty();
        assertThat(broken.text()).isEqualTo("{\"source\":\"en\",");
        assertThat(pushed(30, "{\"source\":\"en\",\"target\":\"zh\"}", "").translation()).isEmpty();
        String notAChat = "{\"source\":\"en\",\"target\":\"zh\",\"sourceText\":\"a\",\"targetText\":\"b\"}";
        assertThat(pushed(51, notAChat, "").translation()).isEmpty();
    }
}
