package com.penguinmails.webhooks.retry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.penguinmails.webhooks.runtime.ServiceFoundationConfiguration;

/** retry-scheduler: holds failed deliveries on the delay topics until due, then hands them back to the dispatcher. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceFoundationConfiguration.class)
public class RetrySchedulerApplication {

    /** The name of this service's configuration file, {@code retry-scheduler.yml}, so services can share one JVM. */
    public static final String CONFIG_NAME = "retry-scheduler";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RetrySchedulerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
