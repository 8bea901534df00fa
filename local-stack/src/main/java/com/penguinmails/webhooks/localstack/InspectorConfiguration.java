package com.penguinmails.webhooks.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * {@value #KEEP} requests per name, shown as JSON at {@code GET /inspector/{name}/requests}, newest first, with the
 * latest body byte for byte at {@code GET /inspector/{name}/latest/body} (to check a signature with openssl). The tour
 * points webhooks at it so that nothing else has to run. {@code POST /inspector/{name}?status=503} answers 503, to
 * watch retries. {@code GET /inspector/mail} lists the e-mails the stack sent (its SMTP server is GreenMail).
 */
@Configuration(proxyBeanMethods = false)
public class InspectorConfiguration {

    static final int KEEP = 50;
    static final int BODY_MAX_BYTES = 1024 * 1024;

    private final Map<String, Deque<InspectedRequest>> requests = new ConcurrentHashMap<>();

    /** One received request: its headers (lower-case names) and raw body. */
    record InspectedRequest(Instant receivedAt, String method, String path, Map<String, String> headers, String body,
                            @JsonIgnore byte[] rawBody) {
    }

    @Bean
    RouterFunction<ServerResponse> inspectorRoutes() {
        return RouterFunctions.route()
                .POST("/inspector/{name}", this::receive)
                .GET("/inspector/{name}/requests", this::list)
                .GET("/inspector/{name}/latest/body", this::latestBody)
                .GET("/inspector/mail", this::mail)
                .build();
    }

    /** The e-mails the stack sent (health notices to the workspace's admins), newest first. */
    private Mono<ServerResponse> mail(ServerRequest request) {
        LocalMail mail = LocalMail.current();
        List<LocalMail.Message> messages = mail == null ? List.of() : new java.util.ArrayList<>(mail.messages()).reversed();
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(messages);
    }

    private Mono<ServerResponse> receive(ServerRequest request) {
        String name = request.pathVariable("name");
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().asHttpHeaders().forEach((key, values) -> headers.put(key.toLowerCase(), String.join(", ", values)));
            InspectedRequest received = new InspectedRequest(Instant.now(), request.method().name(), request.path(), headers,
                    new String(body, StandardCharsets.UTF_8), body);
            Deque<InspectedRequest> log = requests.computeIfAbsent(name, n -> new ArrayDeque<>());
            synchronized (log) {
                log.addFirst(received);
                while (log.size() > KEEP) {
                    log.removeLast();
                }
            }
            int status = request.queryParam("status").map(InspectorConfiguration::status).orElse(200);
            return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(status < 300 ? "OK" : "inspector answered " + status);
        });
    }

    /** The status asked for with {@code ?status=503}, to watch retries; 200 when it is not a valid status. */
    private static int status(String text) {
        try {
            int status = Integer.parseInt(text);
            return status >= 200 && status <= 599 ? status : 200;
        } catch (NumberFormatException e) {
            return 200;
        }
    }

    private Mono<ServerResponse> latestBody(ServerRequest request) {
        Deque<InspectedRequest> log = requests.get(request.pathVariable("name"));
        InspectedRequest latest = null;
        if (log != null) {
            synchronized (log) {
                latest = log.peekFirst();
            }
        }
        return latest == null
                ? ServerResponse.notFound().build()
                : ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(latest.rawBody());
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
