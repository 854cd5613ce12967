package org.interestsoffice.platform.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.interestsoffice.platform.security.SecurityProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.AntPathMatcher;

/**
 * Every service publishes its OpenAPI description at {@code /v3/api-docs}: the gateway aggregates
 * them for frontends, and the system tests read them to find every operation that needs an access
 * rule. Besides what springdoc finds in the controllers, it states the bearer token every /api
 * operation needs and the RFC 9457 problem details every operation may answer with, so each
 * service does not have to repeat them on its controllers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDescription {

  static final String BEARER = "bearer";
  static final String PROBLEM = "Problem";
  private static final String PROBLEM_JSON = "application/problem+json";

  @Bean
  OpenAPI serviceApi(
      @Value("${spring.application.name}") String name,
      @Value("${spring.application.version:${info.app.version:unversioned}}") String version) {
    return new OpenAPI()
        .info(new Info().title(name).version(version).description("The " + name + " API of the interests office platform"))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An access token of the interests-office Keycloak realm, with this service in its audience")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /**
   * Adds the refusals the platform answers for any operation, where the controller did not say
   * otherwise, and marks the service's public paths (platform.security.public-paths) as needing no
   * token.
   */
  @Bean
  OpenApiCustomizer problemResponses(SecurityProperties security) {
    AntPathMatcher matcher = new AntPathMatcher();
    return api -> {
      if (api.getPaths() == null) {
        return;
      }
      // Added here rather than on the OpenAPI bean: springdoc drops schemas no controller refers to.
      api.getComponents().addSchemas(PROBLEM, problemSchema());
      api.getPaths()
          .forEach(
              (template, path) -> {
                boolean open = security.publicPaths().stream().anyMatch(pattern -> matcher.match(pattern, template));
                path.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (open) {
                            operation.setSecurity(List.of());
                          }
                          describeRefusals(method, operation, open);
                        });
              });
    };
  }

  private static void describeRefusals(PathItem.HttpMethod method, Operation operation, boolean open) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean takesInput = operation.getRequestBody() != null || !parameters.isEmpty();
    boolean namesAnObject = parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
    if (takesInput) {
      problem(responses, "400", "Invalid or malformed input; the problem lists the offending fields");
    }
    if (!open) {
      problem(responses, "401", "No valid access token");
      problem(responses, "403", "The caller's role may not do this, or not in that office");
    }
    if (namesAnObject) {
      problem(responses, "404", "No such object in the caller's offices (another office's objects are not found either)");
    }
    if (method != PathItem.HttpMethod.GET) {
      problem(responses, "409", "Refused by the object's current state");
    }
    operation.setResponses(responses);
  }

  private static void problem(ApiResponses responses, String status, String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(
          status,
          new ApiResponse()
              .description(description)
              .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }
  }

  /** What ProblemDetailsAdvice and the security filters write. */
  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    Map<String, Schema> fieldError =
        Map.of("field", new StringSchema(), "message", new StringSchema());
    return new ObjectSchema()
        .description("RFC 9457 problem details; refusals may add members of their own, such as currentStatus")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty("correlationId", new StringSchema())
        .addProperty("errors", new ArraySchema().items(new ObjectSchema().properties(fieldError)));
  }
}
