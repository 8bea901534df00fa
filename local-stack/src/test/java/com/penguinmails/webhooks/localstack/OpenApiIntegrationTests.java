package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The OpenAPI document and Swagger UI: served without an API key, valid, and describing the API as it answers. */
class OpenApiIntegrationTests {

    private static final WebTestClient ANONYMOUS = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build();

    @Test
    void servesAValidDocumentWithoutAnApiKey() {
        SwaggerParseResult result = parse();
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getPaths()).containsKeys("/api/v1/platform/webhooks", "/api/v1/platform/webhooks/{id}",
                "/api/v1/platform/webhooks/{id}/rotate-secret", "/api/v1/platform/webhooks/{webhookId}/deliveries",
                "/api/v1/platform/workspace", "/v1/webhooks", "/v1/webhooks/{id}", "/v1/webhooks/{id}/logs",
                "/api/v1/platform/replays", "/api/v1/platform/replays/{replayId}", "/api/v1/platform/webhooks/{webhookId}/replays");
        // only the public API: no actuator, no inspector
        assertThat(api.getPaths().keySet()).allMatch(path -> path.startsWith("/api/v1/") || path.startsWith("/v1/"));
    }

    @Test
    void describesTheBearerKeyAndNotTheResolvedPrincipal() {
        OpenAPI api = parse().getOpenAPI();
        assertThat(api.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity()).anySatisfy(requirement -> assertThat(requirement).containsKey("apiKey"));
        Operation list = api.getPaths().get("/api/v1/platform/webhooks").getGet();
        assertThat(list.getParameters() == null ? List.of() : list.getParameters())
                .noneMatch(parameter -> parameter.getName().contains("principal") || parameter.getName().contains("workspace"));
        assertThat(list.getResponses()).containsKeys("401", "429");
    }

    @Test
    void namesPropertiesInSnakeCaseAndGivesExamples() {
        OpenAPI api = parse().getOpenAPI();
        Schema<?> view = api.getComponents().getSchemas().get("WebhookView");
        assertThat(view.getProperties()).containsKeys("timeout_seconds", "max_retries", "retries_enabled", "created_at")
                .doesNotContainKeys("timeoutSeconds", "createdAt");
        assertThat(api.getComponents().getSchemas().get("EventDescription").getProperties())
                .containsKeys("short_name", "schema", "example", "transactional_example");
        Operation create = api.getPaths().get("/api/v1/platform/webhooks").getPost();
        assertThat(create.getSummary()).isEqualTo("Create a webhook");
        assertThat(create.getRequestBody().getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("201").getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("400").getContent()).containsKey("application/problem+json");
    }

    @Test
    void describesTheCompactV1ApiWithSpec003sShapesAndExamples() {
        OpenAPI api = parse().getOpenAPI();
        Schema<?> view = api.getComponents().getSchemas().get("V1WebhookView");
        assertThat(view.getProperties()).containsKeys("id", "url", "events", "active", "created_at").doesNotContainKey("createdAt");
        Operation create = api.getPaths().get("/v1/webhooks").getPost();
        assertThat(create.getTags()).containsExactly("Compact API (/v1)");
        assertThat(create.getRequestBody().getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("201").getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("400").getContent()).containsKey("application/problem+json");
        Operation logs = api.getPaths().get("/v1/webhooks/{id}/logs").getGet();
        assertThat(logs.getResponses().get("200").getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(logs.getResponses()).containsKeys("404", "401");
        assertThat(api.getPaths().get("/v1/webhooks/{id}").readOperationsMap().keySet().stream().map(Enum::name))
                .containsExactlyInAnyOrder("GET", "PUT", "DELETE");
    }

    @Test
    void describesTheSharedResponsesOnEveryOperationThatDeclaresThem() {
        OpenAPI api = parse().getOpenAPI();
        for (Operation operation : List.of(api.getPaths().get("/api/v1/platform/webhooks/{id}").getGet(),
                api.getPaths().get("/api/v1/platform/webhooks/{id}").getDelete(),
                api.getPaths().get("/api/v1/platform/webhooks/{id}/stats").getGet(),
                api.getPaths().get("/api/v1/platform/webhooks/{id}/test").getPost(),
                api.getPaths().get("/api/v1/platform/webhooks/{webhookId}/replays").getPost())) {
            assertThat(operation.getResponses()).as(operation.getOperationId()).containsKey("404");
            assertThat(operation.getResponses().get("404").getDescription()).as(operation.getOperationId()).isEqualTo("Not a webhook of this workspace");
            assertThat(operation.getResponses().get("404").getContent()).as(operation.getOperationId()).containsKey("application/problem+json");
        }
        for (Operation operation : api.getPaths().get("/api/v1/platform/api-keys/{id}").readOperations()) {
            assertThat(operation.getResponses().get("403").getDescription()).isEqualTo("The caller's key is not an admin key");
        }
        Operation createKey = api.getPaths().get("/api/v1/platform/api-keys").getPost();
        assertThat(problemExamples(createKey, "400")).containsKey("invalid");
        assertThat(problemExamples(createKey, "403")).containsKey("developer");
        for (Operation replay : List.of(api.getPaths().get("/api/v1/platform/replays").getPost(),
                api.getPaths().get("/api/v1/platform/webhooks/{webhookId}/replays").getPost())) {
            assertThat(replay.getResponses().get("202").getContent().get("application/json").getExamples()).containsKey("replay");
            assertThat(problemExamples(replay, "400")).containsKey("invalid");
        }
        assertThat(problemExamples(api.getPaths().get("/v1/webhooks/{id}").getGet(), "404")).containsKey("not found");
        Operation v1Update = api.getPaths().get("/v1/webhooks/{id}").getPut();
        assertThat(problemExamples(v1Update, "400")).containsKey("invalid");
        assertThat(v1Update.getResponses().get("404").getDescription()).isEqualTo("Not a `/v1` webhook of this workspace");
    }

    private static Map<String, Example> problemExamples(Operation operation, String status) {
        Map<String, Example> examples =
                operation.getResponses().get(status).getContent().get("application/problem+json").getExamples();
        return examples == null ? Map.of() : examples;
    }

    @Test
    void servesSwaggerUiWithoutAnApiKeyButStillGuardsTheApi() {
        String location = ANONYMOUS.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection().returnResult(Void.class).getResponseHeaders().getLocation().toString();
        byte[] page = ANONYMOUS.get().uri(location).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML).expectBody().returnResult().getResponseBody();
        assertThat(new String(page, StandardCharsets.UTF_8)).contains("swagger-ui");
        ANONYMOUS.get().uri("/api/v1/platform/webhooks").exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    static SwaggerParseResult parse() {
        byte[] document = ANONYMOUS.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(new String(document, StandardCharsets.UTF_8), null, options);
    }
}
