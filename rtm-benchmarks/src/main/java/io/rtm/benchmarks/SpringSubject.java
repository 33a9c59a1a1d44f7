package io.rtm.benchmarks;

import io.rtm.benchmarks.spring.BenchSpringApp;
import io.rtm.benchmarks.spring.SpringBenchAccess;
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
    private SpringBenchAccess listener;

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
        listener = new SpringBenchAccess(context);
    }

    @Override
    public long handled() {
        return listener.handled();
    }

    @Override
    public void recordInto(Latency latency) {
        listener.attrsSink(latency == null ? null : latency::record);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
