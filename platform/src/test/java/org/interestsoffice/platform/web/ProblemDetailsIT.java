package org.interestsoffice.platform.web;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.platform.validation.CountryCode;
import org.interestsoffice.platform.validation.DurationRange;
import org.interestsoffice.platform.validation.TimeZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.platform.testapp.ParcelTokens;
import org.interestsoffice.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a platform service answers bad input and failures: RFC 9457, with the correlation id. The
 * whole auto-configuration runs, as in a service, so that no other handler can take the platform's
 * place unnoticed.
 */
@SpringBootTest(classes = ParcelService.class)
@AutoConfigureMockMvc
@RealInfrastructure(database = "platform_web")
@Import(ProblemDetailsIT.SampleController.class)
class ProblemDetailsIT {

  @Autowired MockMvc mvc;

  @Test
  void invalidFieldsAreListedByName() throws Exception {
    mvc.perform(post("/samples").header("Authorization", ParcelTokens.ministryAdmin()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"\",\"country\":\"XX\",\"zone\":\"Mars/Olympus\",\"window\":\"P400D\",\"at\":\"2019-01-23T20:00:00Z\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.detail").value("4 fields are invalid"))
        .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("country")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("zone")))
        .andExpect(jsonPath("$.errors[*].field", hasItem("window")))
        .andExpect(jsonPath("$.correlationId").isNotEmpty());
  }

  @Test
  void aMalformedTimeNamesTheFieldInsteadOfFailing() throws Exception {
    mvc.perform(post("/samples").header("Authorization", ParcelTokens.ministryAdmin()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"n\",\"country\":\"VE\",\"zone\":\"America/Caracas\",\"window\":\"PT72H\",\"at\":\"yesterday\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Malformed request body"))
        .andExpect(jsonPath("$.detail").value("Field 'at' could not be read: expected an ISO 8601 instant in UTC such as 2019-01-23T20:00:00Z"));
  }

  @Test
  void aMalformedDurationSaysWhatIsExpected() throws Exception {
    mvc.perform(post("/samples").header("Authorization", ParcelTokens.ministryAdmin()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"n\",\"country\":\"VE\",\"zone\":\"America/Caracas\",\"window\":\"72 hours\",\"at\":\"2019-01-23T20:00:00Z\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("Field 'window' could not be read: expected an ISO 8601 duration such as PT72H or P30D"));
  }

  @Test
  void bodyThatIsNotJsonIsRefused() throws Exception {
    mvc.perform(post("/samples").header("Authorization", ParcelTokens.ministryAdmin()).contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Malformed request body"));
  }

  @Test
  void aRefusalKeepsItsStatusTitleAndMembers() throws Exception {
    mvc.perform(get("/samples/conflict").header("Authorization", ParcelTokens.ministryAdmin()).header(Correlation.HEADER, "corr-42"))
        .andExpect(status().isConflict())
        .andExpect(header().string(Correlation.HEADER, "corr-42"))
        .andExpect(jsonPath("$.title").value("Transition not allowed"))
        .andExpect(jsonPath("$.currentStatus").value("CEASED"))
        .andExpect(jsonPath("$.correlationId").value("corr-42"));
  }

  @Test
  void anUnexpectedFailureIsA500WithoutInternals() throws Exception {
    mvc.perform(get("/samples/crash").header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.title").value("Internal error"))
        .andExpect(jsonPath("$.detail", matchesPattern("(?s)^(?!.*secret).*$")))
        .andExpect(header().string(Correlation.HEADER, matchesPattern("[0-9a-f-]{36}")));
  }

  @Test
  void anUnknownPathIsA404Problem() throws Exception {
    mvc.perform(get("/nothing-here").header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void anUnacceptableCorrelationIdIsReplaced() throws Exception {
    mvc.perform(get("/samples/conflict").header("Authorization", ParcelTokens.ministryAdmin()).header(Correlation.HEADER, "x".repeat(65)))
        .andExpect(header().string(Correlation.HEADER, matchesPattern("[0-9a-f-]{36}")));
  }

  record SampleRequest(
      @NotBlank String name,
      @NotNull @CountryCode String country,
      @NotNull @TimeZoneId String zone,
      @NotNull @DurationRange(max = "P90D") Duration window,
      @NotNull Instant at) {}

  @RestController
  static class SampleController {
    @PostMapping("/samples")
    SampleRequest create(@Valid @RequestBody SampleRequest request) {
      return request;
    }

    @GetMapping("/samples/conflict")
    void conflict() {
      throw ProblemException.conflict("Transition not allowed", "The mission has ceased").with("currentStatus", "CEASED");
    }

    @GetMapping("/samples/crash")
    void crash() {
      throw new IllegalStateException("secret internals");
    }
  }
}
