package com.penguinmails.webhooks.management;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.penguinmails.webhooks.runtime.ServiceFoundationConfiguration;

/** management-api: configuration, delivery log and the dashboard, over PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceFoundationConfiguration.class)
public class ManagementApiApplication {

    /** The name of this service's configuration file, {@code management-api.yml}, so services can share one JVM. */
    public static final String CONFIG_NAME = "management-api";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ManagementApiApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
