package com.penguinmails.webhooks.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.penguinmails.webhooks.runtime.ServiceFoundationConfiguration;

/** event-ingest: accepts events from platform services, validates them and publishes them to the event topics. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceFoundationConfiguration.class)
public class IngestApplication {

    /** The name of this service's configuration file, {@code event-ingest.yml}, so services can share one JVM. */
    public static final String CONFIG_NAME = "event-ingest";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
