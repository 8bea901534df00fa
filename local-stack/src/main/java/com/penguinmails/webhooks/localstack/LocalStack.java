package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.webhooks.dispatcher.DispatcherApplication;
import com.penguinmails.webhooks.ingest.IngestApplication;
import com.penguinmails.webhooks.management.ManagementApiApplication;
import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.retry.RetrySchedulerApplication;

/**
 * The whole system in one JVM: a real Kafka broker, a real PostgreSQL and the four services, each in its own Spring
 * context configured exactly as it would be standalone (its own {@code <service>.yml}, overridden by properties).
 *
 * <p>{@link LocalStackOptions#services()} may name only some services (a benchmark of one service, for instance):
 * then only those start, next to Kafka, and PostgreSQL and the mail server start only for management-api.
 */
public final class LocalStack implements AutoCloseable {

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
    private final Clock clock;
    private final String apiKey;
    private final String dashboardPassword;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private LocalMail mail;
    private LocalPostgres postgres;
    private String kafkaBootstrapServers;

    /** A running service and how to start it again. */
    private static final class Service implements AutoCloseable {
        private final java.util.function.Supplier<SpringApplicationBuilder> builder;
        private final Clock clock;
        private String[] args;
        private ConfigurableApplicationContext context;

        Service(java.util.function.Supplier<SpringApplicationBuilder> builder, String[] args, Clock clock) {
            this.builder = builder;
            this.args = args;
            this.clock = clock;
        }

        void start() {
            SpringApplicationBuilder application = builder.get().sources(OwnNettyResourcesConfiguration.class);
            if (clock != null) {
                // takes the place of the services' own system clock (a @ConditionalOnMissingBean)
                application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
            }
            context = application.run(args);
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    private LocalStack(LocalStackOptions options, Clock clock, String apiKey, String dashboardPassword) {
        this.options = options;
        this.clock = clock;
        this.apiKey = apiKey;
        this.dashboardPassword = dashboardPassword;
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
        Properties state = loadState(options.dataDir());
        String apiKey = options.apiKey() != null ? options.apiKey() : state.getProperty("api-key", ApiKeys.generate());
        state.setProperty("api-key", apiKey);
        // the demo admin's dashboard password: generated once, kept with the key, printed at start-up
        String dashboardPassword = state.computeIfAbsent("dashboard-password", k -> newPassword()).toString();
        String encryptionKey = state.computeIfAbsent("secret-encryption-key", k -> SecretCipher.generateKey()).toString();
        saveState(options.dataDir(), state);

        boolean embeddedPostgres = external == null && options.runs("management-api");
        if (embeddedPostgres) {
            // before Kafka: a port in use fails the start at once
            LocalPostgres.makeWay(options.dataDir(), options.postgresPort());
        }
        LocalStack stack = new LocalStack(options, clock, apiKey, dashboardPassword);
        try {
            if (external == null) {
                LocalKafka kafka = LocalKafka.start(options.dataDir(), options.kafkaPort(), options.kafkaControllerPort());
                stack.running.add(kafka);
                stack.kafkaBootstrapServers = kafka.bootstrapServers();
            } else {
                stack.kafkaBootstrapServers = external.kafkaBootstrapServers();
            }

            Map<String, Object> common = new LinkedHashMap<>();
            common.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers);
            common.put("penguin.kafka.partitions", options.partitions());
            common.put("spring.main.banner-mode", "off");
            common.put("spring.main.register-shutdown-hook", false);
            common.put("spring.main.log-startup-info", false);
            // one JVM, one logging system: a per-service name in the log line would name whichever started last
            common.put("logging.include-application-name", false);

            if (options.runs("management-api")) {
                // PostgreSQL and the mail server serve management-api alone
                External database = external;
                if (database == null) {
                    LocalPostgres postgres = LocalPostgres.start(options.dataDir(), options.postgresPort());
                    stack.running.add(postgres);
                    stack.postgres = postgres;
                    database = new External(null, postgres.jdbcUrl(), postgres.r2dbcUrl(), LocalPostgres.USER, null);
                }
                LocalMail mail = LocalMail.start();
                stack.running.add(mail);
                stack.mail = mail;

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
                api.put("penguin.management.secret-encryption-key", encryptionKey);
                api.put("penguin.management.allow-loopback-urls", true);
                // the dispatcher runs here: what the receivers see is the loopback address
                api.put("penguin.management.source-ip-ranges", "127.0.0.1/32");
                api.put("penguin.management.bootstrap.workspace-id", LocalStackOptions.DEMO_WORKSPACE_ID);
                api.put("penguin.management.bootstrap.workspace-name", "Demo workspace");
                api.put("penguin.management.bootstrap.api-key", apiKey);
                // the local stack is a playground: its workspace gets the highest default rate (5,000 deliveries/s)
                api.put("penguin.management.bootstrap.plan", "enterprise");
                api.put("penguin.management.bootstrap.admin-email", LocalStackOptions.DEMO_ADMIN_EMAIL);
                api.put("penguin.management.bootstrap.admin-password", dashboardPassword);
                api.put("spring.mail.host", "127.0.0.1");
                api.put("spring.mail.port", mail.smtpPort());
                stack.run("management-api", () -> ManagementApiApplication.builder().sources(InspectorConfiguration.class), api);
            }

            if (options.runs("event-ingest")) {
                Map<String, Object> ingest = withoutDatabase(common);
                ingest.put("server.port", options.ingestPort());
                ingest.put("spring.kafka.streams.state-dir", options.dataDir().resolve("ingest-streams").toString());
                stack.run("event-ingest", IngestApplication::builder, ingest);
            }

            if (options.runs("dispatcher")) {
                Map<String, Object> dispatcher = withoutDatabase(common);
                dispatcher.put("server.port", options.dispatcherPort());
                dispatcher.put("penguin.dispatcher.secret-encryption-key", encryptionKey);
                dispatcher.put("penguin.dispatcher.allow-private-targets", true);
                if (options.retryDelays() != null) {
                    dispatcher.put("penguin.dispatcher.retry-delays", options.retryDelays().stream()
                            .map(d -> d.toMillis() + "ms").collect(Collectors.joining(",")));
                }
                stack.run("dispatcher", DispatcherApplication::builder, dispatcher);
            }

            if (options.runs("retry-scheduler")) {
                Map<String, Object> scheduler = withoutDatabase(common);
                scheduler.put("server.port", options.schedulerPort());
                stack.run("retry-scheduler", RetrySchedulerApplication::builder, scheduler);
            }
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    /** Runs a service with the properties as command-line arguments, so they override its own yml. */
    private void run(String name, java.util.function.Supplier<SpringApplicationBuilder> builder, Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        Service service = new Service(builder, args, clock);
        service.start();
        services.put(name, service);
        running.add(service);
    }

    /** Stops one service ({@code event-ingest}, {@code dispatcher}, ...) and starts it again with the same settings. */
    /** Stops one service (its place taken by another process, say) until {@link #start(String)}. */
    public void stop(String name) {
        service(name).close();
    }

    /** Starts a service stopped with {@link #stop(String)} again, with the same properties. */
    public void start(String name) {
        service(name).start();
    }

    private Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + "; running: " + services.keySet());
        }
        return service;
    }

    public void restart(String name) {
        restart(name, Map.of());
    }

    /**
     * Stops one service and starts it again with some of its properties changed (a new master key ring, say); the
     * change stays for later restarts.
     */
    public void restart(String name, Map<String, Object> changed) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + "; running: " + services.keySet());
        }
        service.close();
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : service.args) {
            int equals = arg.indexOf('=');
            properties.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        changed.forEach((key, value) -> properties.put(key, String.valueOf(value)));
        service.args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        service.start();
    }

    private static Map<String, Object> withoutDatabase(Map<String, Object> common) {
        Map<String, Object> properties = new LinkedHashMap<>(common);
        properties.put("spring.autoconfigure.exclude", NO_DATABASE);
        return properties;
    }

    /** A bean of a running service ({@code management-api}, ...), for tests that drive one directly. */
    public <T> T bean(String name, Class<T> type) {
        Service service = services.get(name);
        if (service == null || service.context == null) {
            throw new IllegalArgumentException("no running service " + name + "; running: " + services.keySet());
        }
        return service.context.getBean(type);
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
        return apiKey;
    }

    /** The e-mail address the demo admin signs in to the dashboard with. */
    public String dashboardEmail() {
        return LocalStackOptions.DEMO_ADMIN_EMAIL;
    }

    /** The demo admin's dashboard password. */
    public String dashboardPassword() {
        return dashboardPassword;
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

    private static Properties loadState(Path dataDir) throws IOException {
        Properties state = new Properties();
        Path file = dataDir.resolve("local-stack.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    private static void saveState(Path dataDir, Properties state) throws IOException {
        try (OutputStream out = Files.newOutputStream(dataDir.resolve("local-stack.properties"))) {
            state.store(out, "local stack secrets: the demo API key, the demo admin's dashboard password and the secret encryption key");
        }
    }

    /** 18 random bytes as URL-safe base64: 24 characters, easy to paste. */
    private static String newPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The default retry delays, or null, from a comma-separated list such as {@code 2s,10s}. */
    static List<Duration> parseDelays(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            delays.add(org.springframework.boot.convert.DurationStyle.detectAndParse(part.trim()));
        }
        return delays;
    }
}
