package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code java -jar local-stack.jar [--clean] [--data-dir=DIR] [--services=NAME,...]}: starts Kafka, PostgreSQL and the
 * four services on this machine with a demo workspace, prints where everything is, and runs until stopped (Ctrl+C).
 * A PostgreSQL that a crashed earlier run left running on the data folder is stopped first ({@link LeftoverPostgres}).
 *
 * <p>{@code --services} (or {@code LOCAL_SERVICES}) starts only the services named, out of {@code management-api},
 * {@code event-ingest}, {@code dispatcher} and {@code retry-scheduler}; the default is all four. Kafka always starts;
 * PostgreSQL only with management-api. {@code bench/scheduler.sh} uses it to run the retry scheduler alone.
 *
 * <p>Ports and the key come from the environment: {@code API_PORT} (8080), {@code INGEST_PORT} (8081),
 * {@code DISPATCHER_PORT} (8082), {@code SCHEDULER_PORT} (8083), {@code KAFKA_PORT} (9092),
 * {@code KAFKA_CONTROLLER_PORT} (9093), {@code POSTGRES_PORT} (5433), {@code LOCAL_API_KEY} (generated and kept),
 * {@code RETRY_DELAYS} (e.g. {@code 10s,30s}; default 1m,5m,15m,1h,24h).
 */
public final class LocalStackApplication {

    private LocalStackApplication() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(".local-stack");
        boolean clean = false;
        String services = System.getenv("LOCAL_SERVICES");
        for (String arg : args) {
            if (arg.equals("--clean")) {
                clean = true;
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.startsWith("--services=")) {
                services = arg.substring("--services=".length());
            } else {
                System.err.println("unknown argument " + arg + "; usage: local-stack [--clean] [--data-dir=DIR] [--services=NAME,...]");
                System.exit(2);
            }
        }
        LocalStackOptions options = new LocalStackOptions(dataDir.toAbsolutePath(),
                port("API_PORT", 8080), port("INGEST_PORT", 8081), port("DISPATCHER_PORT", 8082),
                port("SCHEDULER_PORT", 8083), port("KAFKA_PORT", 9092), port("KAFKA_CONTROLLER_PORT", 9093),
                port("POSTGRES_PORT", 5433), blankToNull(System.getenv("LOCAL_API_KEY")),
                parseDelays(System.getenv("RETRY_DELAYS")), 12, parseServices(services));
        LocalStack stack;
        try {
            if (clean) {
                // a PostgreSQL left running on the folder would outlive its deletion, and hold the port
                LeftoverPostgres.stopOnDataFolder(LocalPostgres.dataFolder(options.dataDir()), System.out::println);
                deleteRecursively(dataDir);
            }
            stack = LocalStack.start(options);
        } catch (LeftoverPostgres.InUseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println(banner(stack));
        stopped.await();
    }

    static String banner(LocalStack stack) {
        LocalStackOptions o = stack.options();
        if (!o.runsEverything()) {
            return partialBanner(o);
        }
        return """

                ================================================================================
                 PenguinMails Webhooks local stack is up
                --------------------------------------------------------------------------------
                 Dashboard        %s
                   sign in as %s / %s
                 Management API   %s/api/v1/platform/webhooks
                 Event ingest     %s/api/v1/events
                 Inspector        %s/inspector/{name}  (requests: GET .../requests)
                 Kafka            127.0.0.1:%d
                 PostgreSQL       postgresql://postgres@127.0.0.1:%d/postgres
                 Workspace        %s
                 API key          %s
                 Data             %s   (restart keeps it; --clean resets)
                --------------------------------------------------------------------------------
                 Try it:
                   export API_KEY=%s
                   curl -s -X POST %s/api/v1/platform/webhooks \\
                     -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \\
                     -d '{"name":"Tour","url":"%s/inspector/tour","events":["email.opened"]}'
                 Stop with Ctrl+C.
                ================================================================================
                """.formatted(stack.dashboardUrl(), stack.dashboardEmail(), stack.dashboardPassword(), stack.apiUrl(), stack.ingestUrl(), stack.apiUrl(), o.kafkaPort(), o.postgresPort(),
                LocalStackOptions.DEMO_WORKSPACE_ID, stack.apiKey(), o.dataDir(), stack.apiKey(), stack.apiUrl(), stack.apiUrl());
    }

    /** Only some services: where they are, without the demo that needs all of them. */
    private static String partialBanner(LocalStackOptions o) {
        StringBuilder lines = new StringBuilder();
        for (String service : LocalStackOptions.ALL_SERVICES) {
            if (o.runs(service)) {
                int port = switch (service) {
                    case "management-api" -> o.apiPort();
                    case "event-ingest" -> o.ingestPort();
                    case "dispatcher" -> o.dispatcherPort();
                    default -> o.schedulerPort();
                };
                lines.append(" %-16s http://localhost:%d%n".formatted(service, port));
            }
        }
        if (o.runs("management-api")) {
            lines.append(" %-16s postgresql://postgres@127.0.0.1:%d/postgres%n".formatted("PostgreSQL", o.postgresPort()));
        }
        return """

                ================================================================================
                 PenguinMails Webhooks local stack is up (only some services)
                --------------------------------------------------------------------------------
                 Kafka            127.0.0.1:%d
                %s Data             %s   (restart keeps it; --clean resets)
                 Stop with Ctrl+C.
                ================================================================================
                """.formatted(o.kafkaPort(), lines, o.dataDir());
    }

    /** The services to start, from {@code a,b,...}; blank means all of them. */
    static Set<String> parseServices(String text) {
        if (text == null || text.isBlank()) {
            return Set.copyOf(LocalStackOptions.ALL_SERVICES);
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    }

    /** The default retry delays, or null, from a comma-separated list such as {@code 2s,10s}. */
    static List<Duration> parseDelays(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            delays.add(DurationStyle.detectAndParse(part.trim()));
        }
        return delays;
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
