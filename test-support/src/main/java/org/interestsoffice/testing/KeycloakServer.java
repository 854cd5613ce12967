package org.interestsoffice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Keycloak with the project's realm, started once per test JVM through {@code
 * bin/keycloak} (the same script the local run uses) and stopped with the JVM. Tests about
 * identity use it; others use {@link TestTokens}.
 */
public final class KeycloakServer {

  public static final String REALM = "interests-office";
  /** The demo users' password in the realm: development only. */
  public static final String DEMO_PASSWORD = "dev-only-password";

  private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(4);
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static KeycloakServer instance;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final Process process;

  private KeycloakServer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  public static synchronized KeycloakServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String issuer() {
    return baseUrl() + "/realms/" + REALM;
  }

  public String jwkSetUri() {
    return issuer() + "/protocol/openid-connect/certs";
  }

  /** Environment for a service that must accept this realm's tokens. */
  public Map<String, String> environment() {
    return Map.of("PLATFORM_SECURITY_ISSUER", issuer(), "PLATFORM_SECURITY_JWK_SET_URI", jwkSetUri());
  }

  /** An access token for a demo user, obtained like a script would (password grant, dev only). */
  public String accessToken(String username) {
    return passwordGrant(REALM, "api-client", username, DEMO_PASSWORD);
  }

  /**
   * A valid token of another realm (Keycloak's own master realm, its dev-only administrator):
   * signed by this Keycloak, but not by the realm the platform trusts.
   */
  public String masterRealmToken() {
    return passwordGrant("master", "admin-cli", "admin", "dev-only-admin-password");
  }

  private String passwordGrant(String realm, String client, String username, String password) {
    String form =
        "grant_type=password&client_id=" + client + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    Matcher token = ACCESS_TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException("No token for " + username + ": " + response.statusCode() + " " + response.body());
    }
    return token.group(1);
  }

  private static KeycloakServer start() {
    Path root = projectRoot();
    int port = freePort();
    int managementPort = freePort();
    Path logFile = Path.of("target", "keycloak.log").toAbsolutePath();
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder("bash", root.resolve("bin/keycloak").toString(), Integer.toString(port), Integer.toString(managementPort))
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile());
      // A Keycloak home of their own, so that tests never disturb a Keycloak the local run started.
      builder.environment().putIfAbsent("IOP_CACHE", Path.of(System.getProperty("user.home"), ".cache", "interests-office", "tests").toString());
      Process process = builder.start();
      KeycloakServer server = new KeycloakServer(port, process);
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
      long started = System.nanoTime();
      server.awaitRealm(logFile);
      log.info("Keycloak ready at {} after {} s (log: {})", server.baseUrl(), (System.nanoTime() - started) / 1_000_000_000, logFile);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Keycloak with " + root.resolve("bin/keycloak"), e);
    }
  }

  /** Ready when the realm publishes its OpenID configuration. */
  private void awaitRealm(Path logFile) {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(logFile));
      }
      try {
        HttpResponse<Void> response =
            http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
      try {
        process.waitFor(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
    }
    stop();
    throw new IllegalStateException("Keycloak not ready after " + STARTUP_LIMIT + ":\n" + tail(logFile));
  }

  /** Stops the script and the JVM it started (kc.sh runs Java as its child). */
  private void stop() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    tree.forEach(handle -> handle.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(failure -> {
      handle.destroyForcibly();
      return handle;
    }).join());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path projectRoot() {
    String configured = System.getProperty("iop.root");
    Path candidate = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path dir = candidate.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bin/keycloak"))) {
        return dir;
      }
    }
    throw new IllegalStateException("bin/keycloak not found above " + candidate + ": set -Diop.root to the project root");
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
