package io.rtm.spring.boot.test.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.rtm.test.EmbeddedRtmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator's env and configprops endpoints never show the secret key, even set to show values. */
@SpringBootTest(classes = RtmActuatorSanitizingTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rtm.secret-key=" + RtmActuatorSanitizingTests.SECRET, "rtm.project-id=11000001",
                "rtm.listen.groups=1001", "management.endpoints.web.exposure.include=env,configprops",
                "management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@EmbeddedRtmServer
// closed after the class: other tests in this module check that no client thread is left running
@DirtiesContext
class RtmActuatorSanitizingTests {

    static final String SECRET = "actuator-Secret-7f3a";

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "env", "configprops" })
    void theSecretKeyIsMasked(String endpoint) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/" + endpoint)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        // values are shown (the project id is there), but not the secret
        assertThat(response.body()).contains("11000001").contains("******").doesNotContain(SECRET);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

    }
}
