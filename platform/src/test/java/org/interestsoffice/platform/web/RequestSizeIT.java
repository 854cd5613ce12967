package org.interestsoffice.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.platform.testapp.ParcelTokens;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service refuses a body over its limit itself, whatever stands in front of it: announced by
 * Content-Length, or sent in chunks without one (over a real HTTP/1.1 connection).
 */
@SpringBootTest(
    classes = ParcelService.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "platform.web.max-request-size=1KB")
@RealInfrastructure(database = "platform_request_size")
@Import(RequestSizeIT.BodyLength.class)
@DirtiesContext
class RequestSizeIT {

  @LocalServerPort int port;

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
    HttpResponse<String> response = post(chunked("x".repeat(5_000)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"title\":\"Content Too Large\"").contains("\"correlationId\"");
  }

  @Test
  void aChunkedBodyWithinTheLimitReachesTheApplicationWhole() throws Exception {
    HttpResponse<String> response = post(chunked("y".repeat(1_000)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("1000");
  }

  @Test
  void aBodyAnnouncedOverTheLimitIsRefusedWith413() throws Exception {
    HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("z".repeat(2_000)));

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void aBodyAnnouncedWithinTheLimitIsServed() throws Exception {
    HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("z".repeat(900)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("900");
  }

  /** No length known in advance: the JDK's client sends it with Transfer-Encoding: chunked. */
  private static HttpRequest.BodyPublisher chunked(String body) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/body-length"))
            .header("Authorization", ParcelTokens.ministryAdmin())
            .header("Content-Type", "text/plain")
            .POST(body)
            .build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @RestController
  static class BodyLength {
    @PostMapping("/body-length")
    String length(@RequestBody String body) {
      return Integer.toString(body.length());
    }
  }
}
