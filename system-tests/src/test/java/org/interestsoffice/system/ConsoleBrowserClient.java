package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.interestsoffice.testing.KeycloakServer;

/**
 * A browser as the console's sign-in sees it, over plain HTTP: it follows no redirect by itself
 * (the tests look at each), and keeps cookies per host and port, as a browser keeps them on
 * localhost: Keycloak marks its cookies Secure even over plain HTTP, which browsers accept on
 * localhost and java.net's CookieManager does not.
 */
final class ConsoleBrowserClient {

  private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Map<String, String>> cookies = new HashMap<>();

  /**
   * Signs in to the console at {@code gateway} as a demo user, on Keycloak's real login page:
   * the console sends the browser to sign in, Keycloak takes the password and sends it back with
   * a code, which the gateway exchanges for the session's tokens.
   */
  void signIn(String gateway, String username) throws IOException, InterruptedException {
    HttpResponse<String> toSignIn = get(URI.create(gateway + "/oauth2/authorization/keycloak"));
    assertThat(toSignIn.statusCode()).as("the gateway sends the browser to Keycloak").isEqualTo(302);
    HttpResponse<String> loginPage = get(URI.create(location(toSignIn)));
    assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
    Matcher form = LOGIN_FORM.matcher(loginPage.body());
    assertThat(form.find()).as("Keycloak's login form").isTrue();
    HttpResponse<String> signedIn =
        post(URI.create(form.group(1).replace("&amp;", "&")),
            "username=" + username + "&password=" + URLEncoder.encode(KeycloakServer.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&credentialId=");
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    HttpResponse<String> codeExchanged = get(URI.create(location(signedIn)));
    assertThat(codeExchanged.statusCode()).as(codeExchanged.body()).isEqualTo(302);
    assertThat(location(codeExchanged)).as("signed in, back to the console").contains("/console/");
  }

  HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return send(uri, HttpRequest.newBuilder(uri).GET());
  }

  HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
    return send(uri, HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  HttpResponse<String> send(URI uri, HttpRequest.Builder request) throws IOException, InterruptedException {
    Map<String, String> jar = cookiesOf(uri);
    if (!jar.isEmpty()) {
      request.header("Cookie", jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      String value = pair.substring(equals + 1);
      if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
        jar.remove(pair.substring(0, equals));
      } else {
        jar.put(pair.substring(0, equals), value);
      }
    }
    return response;
  }

  /** The cookies this browser holds for the address's host and port (changes go to the jar itself). */
  Map<String, String> cookiesOf(URI uri) {
    return cookies.computeIfAbsent(uri.getAuthority(), host -> new LinkedHashMap<>());
  }

  static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + response));
  }
}
