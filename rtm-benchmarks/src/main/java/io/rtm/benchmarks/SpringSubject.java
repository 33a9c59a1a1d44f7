package io.rtm.benchmarks;

import io.rtm.benchmarks.spring.BenchSpringApp;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A full Spring Boot context ({@code web-application-type=none}) with the RTM
 * starter, configured through {@code rtm.*} properties, and one
 * {@code @RtmListener(GROUP_MESSAGE)} method that counts.
 */
final class SpringSubject implements Subject {

    private final long projectId;
    private final String secretKey;
    private ConfigurableApplicationContext context;
    private PushCounter counter;

    SpringSubject(long projectId, String secretKey) {
        this.projectId = projectId;
        this.secretKey = secretKey;
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
                        "bench.gid=" + gid)
                .run();
        counter = context.getBean(BenchSpringApp.CountingListener.class).counter;
    }

    @Override
    public PushCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
