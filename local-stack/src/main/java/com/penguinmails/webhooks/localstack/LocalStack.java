package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.penguinmails.webhooks.dispatcher.DispatcherApplication;
import com.penguinmails.webhooks.ingest.IngestApplication;
import com.penguinmails.webhooks.management.ManagementApiApplication;
import com.penguinmails.webhooks.retry.RetrySchedulerApplication;

/**
 * The whole system in one JVM: a real Kafka broker, a real PostgreSQL and the four services, each in its own Spring
 * context configured exactly as it would be standalone (its own {@code <service>.yml}, overridden by
 * {@link ServiceProperties}).
 *
 * <p>{@link LocalStackOptions#services()} may name only some services (a benchmark of one service, for instance):
 * then only those start, next to Kafka, and PostgreSQL and the mail server start only for management-api.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackOptions options;
    private final Clock clock;
    private final StackSecrets secrets;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, StackService> services = new LinkedHashMap<>();
    private LocalMail mail;
    private LocalPostgres postgres;
    private String kafkaBootstrapServers;

    private LocalStack(LocalStackOptions options, Clock clock, StackSecrets secrets) {
        this.options = options;
        this.clock = clock;
        this.secrets = secrets;
    }

    /**
     * A Kafka broker and a PostgreSQL the stack uses instead of starting its own (Testcontainers', say).
     *
     * @param kafkaBootstrapServers the brokers' bootstrap list
     * @param jdbcUrl               PostgreSQL for Flyway
     * @param r2dbcUrl              the same database for the application
     */
    public record External(String kafkaBootstrapServers, String jdbcUrl, String r2dbcUrl, String user, String password) {
    }

    /** Starts everything, Kafka and PostgreSQL embedded; on failure, stops what had started and rethrows. */
    public static LocalStack start(LocalStackOptions options) throws IOException {
        return start(options, null);
    }

    /**
     * Starts the services against the given Kafka and PostgreSQL, or embedded ones when {@code external} is null; on
     * failure, stops what had started and rethrows.
     */
    public static LocalStack start(LocalStackOptions options, External external) throws IOException {
        return start(options, external, null);
    }

    /**
     * Starts everything with every service reading the time from the given clock (null: the system's), for tests
     * that move time on instead of waiting for it.
     */
    static LocalStack start(LocalStackOptions options, External external, Clock clock) throws IOException {
        Files.createDirectories(options.dataDir());
        StackSecrets secrets = StackSecrets.loadOrCreate(options.dataDir(), options.apiKey());
        if (external == null && options.runs("management-api")) {
            // before Kafka: a port in use fails the start at once
            LocalPostgres.makeWay(options.dataDir(), options.postgresPort());
        }
        LocalStack stack = new LocalStack(options, clock, secrets);
        try {
            stack.startAll(external);
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    /** Kafka, then PostgreSQL and the mail server if management-api runs, then the services named in the options. */
    private void startAll(External external) throws IOException {
        if (external == null) {
            LocalKafka kafka = keep(LocalKafka.start(options.dataDir(), options.kafkaPort(), options.kafkaControllerPort()));
            kafkaBootstrapServers = kafka.bootstrapServers();
        } else {
            kafkaBootstrapServers = external.kafkaBootstrapServers();
        }
        ServiceProperties properties = new ServiceProperties(options, kafkaBootstrapServers, secrets);
        if (options.runs("management-api")) {
            // PostgreSQL and the mail server serve management-api alone
            External database = external;
            if (database == null) {
                postgres = keep(LocalPostgres.start(options.dataDir(), options.postgresPort()));
                database = new External(null, postgres.jdbcUrl(), postgres.r2dbcUrl(), LocalPostgres.USER, null);
            }
            mail = keep(LocalMail.start());
            run("management-api", () -> ManagementApiApplication.builder().sources(InspectorConfiguration.class),
                    properties.managementApi(database, mail));
        }
        if (options.runs("event-ingest")) {
            run("event-ingest", IngestApplication::builder, properties.eventIngest());
        }
        if (options.runs("dispatcher")) {
            run("dispatcher", DispatcherApplication::builder, properties.dispatcher());
        }
        if (options.runs("retry-scheduler")) {
            run("retry-scheduler", RetrySchedulerApplication::builder, properties.retryScheduler());
        }
    }

    /** Something started, to be closed with the stack, in the reverse order of starting. */
    private <T extends AutoCloseable> T keep(T started) {
        running.add(started);
        return started;
    }

    private void run(String name, Supplier<SpringApplicationBuilder> builder, Map<String, Object> properties) {
        StackService service = new StackService(builder, properties, clock);
        service.start();
        services.put(name, keep(service));
    }

    /** Stops one service (its place taken by another process, say) until {@link #start(String)}. */
    public void stop(String name) {
        service(name).close();
    }

    /** Starts a service stopped with {@link #stop(String)} again, with the same properties. */
    public void start(String name) {
        service(name).start();
    }

    /** Stops one service ({@code event-ingest}, {@code dispatcher}, ...) and starts it again with the same settings. */
    public void restart(String name) {
        restart(name, Map.of());
    }

    /**
     * Stops one service and starts it again with some of its properties changed (a new master key ring, say); the
     * change stays for later restarts.
     */
    public void restart(String name, Map<String, Object> changed) {
        service(name).restart(changed);
    }

    private StackService service(String name) {
        StackService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + "; running: " + services.keySet());
        }
        return service;
    }

    /** A bean of a running service ({@code management-api}, ...), for tests that drive one directly. */
    public <T> T bean(String name, Class<T> type) {
        StackService service = services.get(name);
        if (service == null || !service.running()) {
            throw new IllegalArgumentException("no running service " + name + "; running: " + services.keySet());
        }
        return service.bean(type);
    }

    /** Stops PostgreSQL, keeping its data (a database outage, for tests); {@link #startPostgres()} ends it. */
    public void stopPostgres() throws IOException {
        postgres.stopServer();
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}, on the same port with the same data. */
    public void startPostgres() throws IOException {
        postgres.startServer();
    }

    /** The mail server the stack's e-mails go to; null when management-api is not started. */
    public LocalMail mail() {
        return mail;
    }

    public String apiKey() {
        return secrets.apiKey();
    }

    /** The e-mail address the demo admin signs in to the dashboard with. */
    public String dashboardEmail() {
        return LocalStackOptions.DEMO_ADMIN_EMAIL;
    }

    /** The demo admin's dashboard password. */
    public String dashboardPassword() {
        return secrets.dashboardPassword();
    }

    public String dashboardUrl() {
        return apiUrl() + "/dashboard/settings/webhooks";
    }

    public String apiUrl() {
        return "http://localhost:" + options.apiPort();
    }

    public String ingestUrl() {
        return "http://localhost:" + options.ingestPort();
    }

    /** The Kafka broker the services use (embedded, or the external one). */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public LocalStackOptions options() {
        return options;
    }

    /** Stops the services first, then PostgreSQL and Kafka. */
    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("local stack: error while stopping: " + e);
            }
        }
        running.clear();
    }
}
