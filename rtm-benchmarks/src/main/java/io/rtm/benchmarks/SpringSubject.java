package io.rtm.benchmarks;

import io.rtm.benchmarks.spring.BenchSpringApp;
import io.rtm.client.AckMode;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Locale;
import java.util.Objects;

/**
 * A full Spring Boot context ({@code web-application-type=none}) with the RTM
 * starter, configured through {@code rtm.*} properties, and one
 * {@code @RtmListener(GROUP_MESSAGE)} method that counts.
 */
final class SpringSubject implements Subject {

    private final long projectId;
    private final String secretKey;
    private final AckMode ackMode;
    private @Nullable ConfigurableApplicationContext context;
    private @Nullable PushCounter counter;

    SpringSubject(long projectId, String secretKey, AckMode ackMode) {
        this.projectId = projectId;
        this.secretKey = secretKey;
        this.ackMode = ackMode;
    }

    @Override
    public void open(int port, long gid) {
        context = new SpringApplicationBuilder(BenchSpringApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(
                        "spring.main.banner-mode=off",
                        "rtm.endpoint=127.0.0.1:" + port,
                        "rtm.project-id=" + projectId,
                        "rtm.secret-key=" + secretKey,
                        "rtm.listener.ack-mode=" + ackMode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        "bench.gid=" + gid)
                .run();
        counter = context.getBean(BenchSpringApp.CountingListener.class).counter;
    }

    @Override
    public PushCounter counter() {
        return Objects.requireNonNull(counter, "not opened");
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
