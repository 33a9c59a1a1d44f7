package io.rtm.benchmarks.spring;

import org.springframework.context.ApplicationContext;

import java.util.function.Consumer;

/** The benchmark's handle on the counting listener bean. */
public final class SpringBenchAccess {

    private final BenchSpringApp.CountingListener listener;

    public SpringBenchAccess(ApplicationContext context) {
        this.listener = context.getBean(BenchSpringApp.CountingListener.class);
    }

    public long handled() {
        return listener.handled.get();
    }

    public void attrsSink(Consumer<String> sink) {
        listener.attrsSink = sink;
    }
}
