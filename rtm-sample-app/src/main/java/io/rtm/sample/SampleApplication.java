package io.rtm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Receives RTM pushes through the starter. Without {@code rtm.endpoint} it runs
 * its own embedded gateway and a driver that sends it a little traffic; with
 * {@code rtm.endpoint}, {@code rtm.project-id} and {@code rtm.secret-key} it
 * listens to that gateway instead.
 */
@SpringBootApplication
public class SampleApplication {

    /** Runs the sample until stopped. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
