package org.interestsoffice.platform.web;

import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every platform service publishes its OpenAPI description without a token, named after the
 * service, with the bearer scheme its operations need and the problem details they answer with.
 */
@SpringBootTest(classes = ParcelService.class, properties = "platform.security.public-paths=/samples/conflict")
@AutoConfigureMockMvc
@RealInfrastructure(database = "platform_api_docs")
@Import(ProblemDetailsIT.SampleController.class)
class ApiDescriptionIT {

  private static final String PROBLEM = "#/components/schemas/Problem";

  @Autowired MockMvc mvc;

  @Test
  void theDescriptionIsPublicAndListsTheServicesOperations() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.info.title").value("platform-test"))
        .andExpect(jsonPath("$.info.version").isNotEmpty())
        .andExpect(jsonPath("$.paths['/whoami'].get").exists())
        .andExpect(jsonPath("$.paths['/samples'].post.requestBody").exists())
        .andExpect(jsonPath("$.paths['/samples/crash'].get").exists())
        // The platform's own endpoints are not part of the service's API.
        .andExpect(jsonPath("$.paths", not(hasKey("/actuator/health"))))
        .andExpect(jsonPath("$.paths", not(hasKey("/error"))));
  }

  @Test
  void operationsNeedABearerTokenExceptThePublicOnes() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(jsonPath("$.components.securitySchemes.bearer.type").value("http"))
        .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
        .andExpect(jsonPath("$.components.securitySchemes.bearer.bearerFormat").value("JWT"))
        .andExpect(jsonPath("$.security[0].bearer").isArray())
        .andExpect(jsonPath("$.paths['/whoami'].get", not(hasKey("security"))))
        .andExpect(jsonPath("$.paths['/samples/conflict'].get.security").isEmpty());
  }

  @Test
  void refusalsAreDescribedAsProblemDetails() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(jsonPath("$.components.schemas.Problem.properties.status.type").value("integer"))
        .andExpect(jsonPath("$.components.schemas.Problem.properties.errors.type").value("array"))
        .andExpect(jsonPath("$.paths['/samples'].post.responses['400'].content['application/problem+json'].schema.$ref").value(PROBLEM))
        .andExpect(jsonPath("$.paths['/samples'].post.responses['401'].content['application/problem+json'].schema.$ref").value(PROBLEM))
        .andExpect(jsonPath("$.paths['/samples'].post.responses['403'].content['application/problem+json'].schema.$ref").value(PROBLEM))
        .andExpect(jsonPath("$.paths['/samples'].post.responses['409']").exists())
        .andExpect(jsonPath("$.paths['/whoami'].get.responses['200']").exists())
        .andExpect(jsonPath("$.paths['/whoami'].get.responses", not(hasKey("400"))))
        .andExpect(jsonPath("$.paths['/whoami'].get.responses", not(hasKey("409"))))
        .andExpect(jsonPath("$.paths['/samples/conflict'].get.responses", not(hasKey("401"))));
  }

  @Test
  void theYamlFormIsPublicToo() throws Exception {
    mvc.perform(get("/v3/api-docs.yaml")).andExpect(status().isOk());
  }
}
