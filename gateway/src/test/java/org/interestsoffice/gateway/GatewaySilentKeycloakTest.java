package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Keycloak took the browser's password, and its token endpoint then takes the gateway's code
 * exchange and never answers (a stand-in on a real socket that reads the request and stays
 * silent). The sign-in must end, within the gateway's limit, as a failed one that sends the browser
 * back to sign in, instead of leaving it waiting for ever; and the code is sent only once.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.security.oauth2.client.provider.keycloak.authorization-uri=https://id.example.org/realms/io/protocol/openid-connect/auth",
      "gateway.keycloak.response-timeout=2s"
    })
@AutoConfigureWebTestClient(timeout = "PT60S")
class GatewaySilentKeycloakTest extends GatewayInFrontOfServices {

  private static final SilentTokenEndpoint keycloak = SilentTokenEndpoint.start();

  @DynamicPropertySource
  static void silentTokenEndpoint(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.client.provider.keycloak.token-uri", () -> keycloak.url() + "/realms/io/protocol/openid-connect/token");
  }

  @AfterAll
  static void stopStandIn() {
    keycloak.close();
  }

  private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

  @Autowired WebTestClient client;
  @LocalServerPort int port;

  @Test
  void aCodeExchangeKeycloakNeverAnswersEndsTheSignInWithinTheLimitAndSendsTheBrowserBackToSignIn() {
    EntityExchangeResult<Void> toKeycloak = client.get().uri("/oauth2/authorization/keycloak").exchange().expectStatus().isFound().expectBody().isEmpty();
    ResponseCookie session = toKeycloak.getResponseCookies().getFirst("SESSION");
    assertThat(session).as("the sign-in's session").isNotNull();
    // As the browser brings it back: the state exactly as Keycloak's address carried it (URL-encoded).
    Matcher state = STATE.matcher(toKeycloak.getResponseHeaders().getLocation().toString());
    assertThat(state.find()).isTrue();
    URI callback = URI.create("http://localhost:" + port + "/login/oauth2/code/keycloak?code=a-code-keycloak-issued&state=" + state.group(1));

    long started = System.nanoTime();
    client.get()
        .uri(callback)
        .cookie("SESSION", session.getValue())
        .exchange()
        .expectStatus().isFound()
        .expectHeader().location("/login?error");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // The limit is 2 s to connect plus 2 s for the answer; the rest is a busy machine's margin.
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertThat(keycloak.requests()).as("the code exchange reached Keycloak's token endpoint once, and was not sent again").hasSize(1);
    assertThat(keycloak.requests().get(0)).startsWith("POST /realms/io/protocol/openid-connect/token ").contains("code=a-code-keycloak-issued");
  }

  /** Accepts connections and reads what comes, answering nothing. */
  static final class SilentTokenEndpoint implements AutoCloseable {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");
    private final ServerSocket socket;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentTokenEndpoint(ServerSocket socket) {
      this.socket = socket;
    }

    static SilentTokenEndpoint start() {
      try {
        SilentTokenEndpoint endpoint = new SilentTokenEndpoint(new ServerSocket(0));
        daemon("silent-keycloak", endpoint::accept);
        return endpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void daemon(String name, Runnable work) {
      Thread thread = new Thread(work, name);
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    List<String> requests() {
      return requests;
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          held.add(connection);
          daemon("silent-keycloak-connection", () -> read(connection));
        } catch (IOException closed) {
          return;
        }
      }
    }

    /** Keeps each request the gateway sent, once its head and its whole body have come. */
    private void read(Socket connection) {
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[8192];
      try (InputStream in = connection.getInputStream()) {
        int read;
        while ((read = in.read(buffer)) > 0) {
          received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
          int headEnd = received.indexOf("\r\n\r\n");
          if (headEnd < 0) {
            continue;
          }
          Matcher length = CONTENT_LENGTH.matcher(received.substring(0, headEnd));
          int end = length.find() ? headEnd + 4 + Integer.parseInt(length.group(1)) : received.indexOf("\r\n0\r\n\r\n", headEnd) + 7;
          if (end > headEnd && received.length() >= end) {
            requests.add(received.substring(0, end));
            received.delete(0, end);
          }
        }
      } catch (IOException closed) {
        // the gateway gave up on the connection
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
        for (Socket connection : held) {
          connection.close();
        }
      } catch (IOException e) {
        // closing a stand-in
      }
    }
  }
}
