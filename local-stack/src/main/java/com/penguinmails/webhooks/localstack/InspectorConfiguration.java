package com.penguinmails.webhooks.localstack;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The request inspector of the local stack: a receiver at {@code POST /inspector/{name}} that keeps the last
 * {@value #KEEP} requests per name, shown as JSON at {@code GET /inspector/{name}/requests}, newest first. The tour
 * points webhooks at it so that nothing else has to run.
 */
@Configuration(proxyBeanMethods = false)
public class InspectorConfiguration {

    static final int KEEP = 50;
    static final int BODY_MAX_BYTES = 1024 * 1024;

    private final Map<String, Deque<InspectedRequest>> requests = new ConcurrentHashMap<>();

    /** One received request: its headers (lower-case names) and raw body. */
    record InspectedRequest(Instant receivedAt, String method, String path, Map<String, String> headers, String body) {
    }

    @Bean
    RouterFunction<ServerResponse> inspectorRoutes() {
        return RouterFunctions.route()
                .POST("/inspector/{name}", this::receive)
                .GET("/inspector/{name}/requests", this::list)
                .build();
    }

    private Mono<ServerResponse> receive(ServerRequest request) {
        String name = request.pathVariable("name");
        return request.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().asHttpHeaders().forEach((key, values) -> headers.put(key.toLowerCase(), String.join(", ", values)));
            InspectedRequest received = new InspectedRequest(Instant.now(), request.method().name(), request.path(), headers, body);
            Deque<InspectedRequest> log = requests.computeIfAbsent(name, n -> new ArrayDeque<>());
            synchronized (log) {
                log.addFirst(received);
                while (log.size() > KEEP) {
                    log.removeLast();
                }
            }
            return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK");
        });
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        Deque<InspectedRequest> log = requests.getOrDefault(request.pathVariable("name"), new ArrayDeque<>());
        List<InspectedRequest> copy;
        synchronized (log) {
            copy = new ArrayList<>(log);
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("data", copy));
    }
}
