package com.penguinmails.webhooks.management.openapi;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;

/**
 * The OpenAPI 3 document at {@code /v3/api-docs} (and Swagger UI at {@code /swagger-ui.html}), generated from the
 * controllers: the bearer API key as the one security scheme, snake_case schemas as the API speaks them, and the
 * problem responses every endpoint can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY_SCHEME = "apiKey";
    static final String PROBLEM_SCHEMA = "Problem";

    static {
        SpringDocUtils config = SpringDocUtils.getConfig();
        // resolved from the Authorization header, not a request parameter
        config.addRequestWrapperToIgnore(ApiPrincipal.class);
        // Jackson 3 trees (filters) are free-form JSON objects; swagger-core only knows Jackson 2's
        config.replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema().description("Free-form JSON object."));
    }

    @Bean
    OpenAPI managementOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PenguinMails Webhooks management API").version("v1")
                        .description("""
                                Create and manage webhooks, read their delivery log and retry deliveries. Every \
                                endpoint takes `Authorization: Bearer <api key>`; errors are RFC 9457 problems \
                                (`application/problem+json`), with `errors: [{field, reason}]` for invalid fields. \
                                A field a body does not have is refused (400), never ignored: \
                                `"filter" is not a field; did you mean "filters"?`."""))
                .components(new Components()
                        .addSecuritySchemes(API_KEY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key of the workspace.")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }

    /**
     * Lists each operation's own responses in the order of their codes (those of {@link Responses} come after the
     * ones written on {@code @Operation}), adds the 401 and 429 every endpoint can answer, and types every 4xx answer
     * as a problem.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        // the generated schemas replace the bean's, so the problem's joins them here
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                ApiResponses responses = new ApiResponses().extensions(operation.getResponses().getExtensions());
                new TreeMap<>(operation.getResponses()).forEach(responses::addApiResponse);
                responses.putIfAbsent("401", problem("No API key, or an unknown or revoked one."));
                responses.putIfAbsent("429", problem("The API key is over its request rate: retry after `Retry-After` seconds."));
                responses.forEach((status, response) -> {
                    if (status.startsWith("4") && (response.getContent() == null || !response.getContent().containsKey("application/problem+json"))) {
                        response.setContent(problemContent());
                    }
                });
                operation.setResponses(responses);
            }));
        };
    }

    /**
     * swagger-core reads schemas with its own (Jackson 2) mapper: it must name properties as the API's Jackson 3
     * mapper does ({@code spring.jackson.property-naming-strategy: SNAKE_CASE}).
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new Schema<>().type("string").example("events[1]"))
                .addProperty("reason", new Schema<>().type("string").example("Unknown event type 'email.teleported'."));
        Map<String, Schema> properties = Map.of(
                "type", new Schema<>().type("string").example("about:blank"),
                "title", new Schema<>().type("string").example("Invalid request"),
                "status", new Schema<>().type("integer").example(400),
                "detail", new Schema<>().type("string").example("Unknown event type 'email.teleported'."),
                "instance", new Schema<>().type("string"),
                "errors", new io.swagger.v3.oas.models.media.ArraySchema().items(fieldError)
                        .description("The invalid fields, on validation failures."));
        return new ObjectSchema().description("An RFC 9457 problem.").properties(new java.util.LinkedHashMap<>(properties));
    }
}
