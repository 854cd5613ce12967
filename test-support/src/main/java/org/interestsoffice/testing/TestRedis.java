package org.interestsoffice.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
* The Redis server that holds the gateway's console sessions in the tests of one JVM: a container where the harness
* uses containers, otherwise the server installed on the machine (the same choice as {@link TestInfrastructure}).
* Every run gets its own key namespace, so runs sharing a server never see each other's sessions; session keys
* expire on their own (the session timeout), so nothing needs dropping afterwards.
* <p>
* The local server defaults to 127.0.0.1:6379, overridable with {@code IOP_TEST_REDIS_HOST/PORT}. The container runs
* the public image docker-compose.yml names, or the equivalent {@code IOP_REDIS_IMAGE} names. Neither reachable is a
* failure, never a skipped test.
*/
public final class TestRedis {

  private static final Logger log = LoggerFactory.getLogger(TestRedis.class);

  /** The same image as docker-compose.yml, and the variable that substitutes it there and here. */
  static final String REDIS_IMAGE = "redis:7.2.11-alpine";
  private static final int REDIS_PORT = 6379;
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,40}");
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private static TestRedis instance;

  private final String host;
  private final int port;
  private final String runId = TestInfrastructure.newRunId(Instant.now());

  private TestRedis(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The Redis server of this JVM, started (or checked) on first use. A failure is not remembered. */
  public static synchronized TestRedis get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The key namespace {@code iop:<runId>:<name>}: Spring Session keeps its keys under it. */
  public String namespace(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Namespace name must be 1 to 40 lowercase letters, digits, '-' or '_', not '" + name + "'");
    }
    return "iop:" + runId + ":" + name;
  }

  /** Settings for the gateway under test: this server, and Spring Session's keys under {@code namespace(name)}. */
  public Map<String, String> springProperties(String name) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.data.redis.host", host);
    properties.put("spring.data.redis.port", Integer.toString(port));
    properties.put("spring.session.data.redis.namespace", namespace(name));
    return Collections.unmodifiableMap(properties);
  }

  /** {@link #springProperties(String)} as environment variables, for a gateway started as its own process. */
  public Map<String, String> environment(String name) {
    Map<String, String> environment = new LinkedHashMap<>();
    springProperties(name).forEach((key, value) -> environment.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    return Collections.unmodifiableMap(environment);
  }

  /** The keys matching a glob pattern ({@code KEYS}; fine for a test's own namespace, never for a production server). */
  public List<String> keys(String pattern) {
    try (Socket socket = connect(host, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(command("KEYS", pattern));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String header = line(in);
      if (!header.startsWith("*")) {
        throw new IllegalStateException("Redis answered KEYS with " + header);
      }
      int count = Integer.parseInt(header.substring(1));
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int length = Integer.parseInt(line(in).substring(1));
        keys.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        line(in);
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read keys from Redis at " + host + ":" + port, e);
    }
  }

  private static TestRedis start() {
    TestInfrastructure.Mode mode = TestInfrastructure.Mode.chosen();
    return mode.containers() ? container(mode.reason()) : local(mode);
  }

  private static TestRedis container(String reason) {
    // Never stopped here: it serves the whole JVM, and Ryuk (or Testcontainers' shutdown hook) removes it after.
    GenericContainer<?> redis =
        new GenericContainer<>(TestInfrastructure.image("IOP_REDIS_IMAGE", REDIS_IMAGE))
            .withExposedPorts(REDIS_PORT)
            .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
    redis.start();
    TestRedis server = new TestRedis(redis.getHost(), redis.getMappedPort(REDIS_PORT));
    log.info("Test Redis: Testcontainers ({}) because {}; at {}:{}, run {}", redis.getDockerImageName(), reason, server.host, server.port, server.runId);
    return server;
  }

  private static TestRedis local(TestInfrastructure.Mode mode) {
    TestRedis server = new TestRedis(TestInfrastructure.setting("IOP_TEST_REDIS_HOST", "127.0.0.1"),
        Integer.parseInt(TestInfrastructure.setting("IOP_TEST_REDIS_PORT", "6379")));
    String problem = server.pingProblem();
    if (problem != null) {
      // Failing loudly rather than skipping: a green build must mean the session tests ran.
      throw new IllegalStateException((mode.forced() ? "IOP_TEST_INFRA=local but " : "No Docker engine found and ")
          + problem + ". Start Redis (on Debian: bin/infra-up, or redis-server --daemonize yes --bind 127.0.0.1 --save '')"
          + (mode.forced() ? ", or unset IOP_TEST_INFRA to use a Docker engine." : " or a Docker engine."));
    }
    log.info("Test Redis: local server because {}; at {}:{}, run {}", mode.reason(), server.host, server.port, server.runId);
    return server;
  }

  /** Why the server does not answer PING, or null when it does. */
  private String pingProblem() {
    try (Socket socket = connect(host, port)) {
      socket.getOutputStream().write(command("PING"));
      socket.getOutputStream().flush();
      String answer = line(new BufferedInputStream(socket.getInputStream()));
      return answer.equals("+PONG") ? null : "Redis at " + host + ":" + port + " answered PING with '" + answer + "'";
    } catch (IOException e) {
      return "no Redis at " + host + ":" + port + " (" + TestInfrastructure.rootMessage(e) + ")";
    }
  }

  private static Socket connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    return socket;
  }

  /** A command in the Redis protocol (RESP): an array of bulk strings. */
  private static byte[] command(String... words) {
    StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
    }
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    if (c == -1 && line.isEmpty()) {
      throw new IOException("Redis closed the connection");
    }
    return line.toString();
  }
}
