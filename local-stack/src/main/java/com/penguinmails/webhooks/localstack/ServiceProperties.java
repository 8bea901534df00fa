package com.penguinmails.webhooks.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The properties each service of the local stack runs with, on top of its own {@code <service>.yml}: the stack's
 * ports, Kafka, PostgreSQL, mail server and secrets, and the demo workspace.
 */
final class ServiceProperties {

    /** Database auto-configuration that only management-api wants; the other services share its classpath here. */
    private static final String NO_DATABASE = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            // the dashboard's login guards management-api alone; the others keep their open actuator and ingest API
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

    private final LocalStackOptions options;
    private final StackSecrets secrets;
    private final Map<String, Object> common = new LinkedHashMap<>();

    ServiceProperties(LocalStackOptions options, String kafkaBootstrapServers, StackSecrets secrets) {
        this.options = options;
        this.secrets = secrets;
        common.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        common.put("penguin.kafka.partitions", options.partitions());
        common.put("spring.main.banner-mode", "off");
        common.put("spring.main.register-shutdown-hook", false);
        common.put("spring.main.log-startup-info", false);
        // one JVM, one logging system: a per-service name in the log line would name whichever started last
        common.put("logging.include-application-name", false);
    }

    /** management-api's, against the given database, sending its e-mails to the given mail server. */
    Map<String, Object> managementApi(LocalStack.External database, LocalMail mail) {
        Map<String, Object> api = new LinkedHashMap<>(common);
        api.put("server.port", options.apiPort());
        api.put("spring.r2dbc.url", database.r2dbcUrl());
        api.put("spring.r2dbc.username", database.user());
        if (database.password() != null) {
            api.put("spring.r2dbc.password", database.password());
            api.put("spring.flyway.password", database.password());
        }
        api.put("spring.flyway.url", database.jdbcUrl());
        api.put("spring.flyway.user", database.user());
        api.put("penguin.management.secret-encryption-key", secrets.encryptionKey());
        api.put("penguin.management.allow-loopback-urls", true);
        // the dispatcher runs here: what the receivers see is the loopback address
        api.put("penguin.management.source-ip-ranges", "127.0.0.1/32");
        api.put("penguin.management.bootstrap.workspace-id", LocalStackOptions.DEMO_WORKSPACE_ID);
        api.put("penguin.management.bootstrap.workspace-name", "Demo workspace");
        api.put("penguin.management.bootstrap.api-key", secrets.apiKey());
        // the local stack is a playground: its workspace gets the highest default rate (5,000 deliveries/s)
        api.put("penguin.management.bootstrap.plan", "enterprise");
        api.put("penguin.management.bootstrap.admin-email", LocalStackOptions.DEMO_ADMIN_EMAIL);
        api.put("penguin.management.bootstrap.admin-password", secrets.dashboardPassword());
        api.put("spring.mail.host", "127.0.0.1");
        api.put("spring.mail.port", mail.smtpPort());
        return api;
    }

    Map<String, Object> eventIngest() {
        Map<String, Object> ingest = withoutDatabase();
        ingest.put("server.port", options.ingestPort());
        ingest.put("spring.kafka.streams.state-dir", options.dataDir().resolve("ingest-streams").toString());
        return ingest;
    }

    Map<String, Object> dispatcher() {
        Map<String, Object> dispatcher = withoutDatabase();
        dispatcher.put("server.port", options.dispatcherPort());
        dispatcher.put("penguin.dispatcher.secret-encryption-key", secrets.encryptionKey());
        dispatcher.put("penguin.dispatcher.allow-private-targets", true);
        if (options.retryDelays() != null) {
            dispatcher.put("penguin.dispatcher.retry-delays", options.retryDelays().stream()
                    .map(d -> d.toMillis() + "ms").collect(Collectors.joining(",")));
        }
        return dispatcher;
    }

    Map<String, Object> retryScheduler() {
        Map<String, Object> scheduler = withoutDatabase();
        scheduler.put("server.port", options.schedulerPort());
        return scheduler;
    }

    private Map<String, Object> withoutDatabase() {
        Map<String, Object> properties = new LinkedHashMap<>(common);
        properties.put("spring.autoconfigure.exclude", NO_DATABASE);
        return properties;
    }
}
