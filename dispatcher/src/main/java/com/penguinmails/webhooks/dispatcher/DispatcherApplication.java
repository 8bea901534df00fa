package com.penguinmails.webhooks.dispatcher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.penguinmails.webhooks.runtime.ServiceFoundationConfiguration;

/** dispatcher: matches events to webhooks, signs and sends them, and routes every outcome back to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceFoundationConfiguration.class)
public class DispatcherApplication {

    /** The name of this service's configuration file, {@code dispatcher.yml}, so services can share one JVM. */
    public static final String CONFIG_NAME = "dispatcher";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DispatcherApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
