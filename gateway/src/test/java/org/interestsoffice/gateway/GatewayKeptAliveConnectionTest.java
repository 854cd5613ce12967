package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser sends the console's sign-in over one kept-alive connection, each request as soon as the
 * previous answer arrived: the console's address (302 to the sign-in, a new session), then the
 * sign-in's start (302 to Keycloak), then, once the password is taken, the callback. Reactor Netty
 * 1.3.6 could stop reading such a connection when a request arrived before the previous one's
 * operations had ended, and the browser's next request, typically the callback, was then never
 * read: the sign-in hung after Keycloak had taken the password (twice in ConsoleBrowserIT). This
 * test asks the same pair of addresses many times over one connection, as fast as a browser does.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "spring.security.oauth2.client.provider.keycloak.authorization-uri=https://id.example.org/realms/io/protocol/openid-connect/auth")
class GatewayKeptAliveConnectionTest extends GatewayInFrontOfServices {

  /** With the defect, one request in a few dozen went unanswered on two busy cores; none may now. */
  private static final int SIGN_IN_STARTS = 300;

  /** Far above the milliseconds each answer takes, below anything a test would wait for. */
  private static final int ANSWER_LIMIT_MILLIS = 10_000;

  private static final Pattern SESSION = Pattern.compile("(?im)^set-cookie: (SESSION=[^;\\r\\n]+)");

  @LocalServerPort int port;

  @Test
  void everyRequestOfABrowsersSignInIsAnsweredOnItsKeptAliveConnection() throws IOException {
    try (Socket connection = new Socket("127.0.0.1", port)) {
      connection.setSoTimeout(ANSWER_LIMIT_MILLIS);
      for (int attempt = 1; attempt <= SIGN_IN_STARTS; attempt++) {
        String console = exchange(connection, attempt, "/console/", null);
        assertThat(console).startsWith("HTTP/1.1 302").contains("Location: /oauth2/authorization/keycloak");
        Matcher session = SESSION.matcher(console);
        assertThat(session.find()).as("a new session for the sign-in, in " + console).isTrue();
        String signIn = exchange(connection, attempt, "/oauth2/authorization/keycloak", session.group(1));
        assertThat(signIn).startsWith("HTTP/1.1 302").contains("Location: https://id.example.org/realms/io/protocol/openid-connect/auth?");
      }
    }
  }

  /** Sends one GET on the connection and reads its whole answer (headers and body). */
  private static String exchange(Socket connection, int attempt, String path, String cookie) throws IOException {
    OutputStream out = connection.getOutputStream();
    String request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n" + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    try {
      return readAnswer(connection.getInputStream());
    } catch (SocketTimeoutException unanswered) {
      return fail("GET " + path + " (sign-in " + attempt + " of " + SIGN_IN_STARTS + ") got no answer within " + ANSWER_LIMIT_MILLIS
          + " ms on the kept-alive connection: the gateway stopped reading it");
    }
  }

  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the gateway closed the connection; answer so far: " + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(next);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = headers.lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
        .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("a redirect with a length, so the connection can carry the next request: " + headers));
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
