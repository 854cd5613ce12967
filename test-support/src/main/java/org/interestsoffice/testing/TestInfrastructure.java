package org.interestsoffice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
* The PostgreSQL server and RabbitMQ broker shared by the integration tests of one JVM: containers where a Docker
* engine runs, otherwise the servers installed on the machine. Every run gets its own databases and its own
* messaging namespace, so runs sharing a server never see each other's data or messages.
* <p>
* {@code IOP_TEST_INFRA=local|testcontainers} (system property or environment variable) forces a mode. The local
* servers default to 127.0.0.1:5432 (postgres, no password) and 127.0.0.1:5672 (guest/guest), overridable with
* {@code IOP_TEST_POSTGRES_HOST/PORT/USER/PASSWORD} and {@code IOP_TEST_RABBITMQ_HOST/PORT/USER/PASSWORD}. The
* containers run the public images docker-compose.yml names, or the equivalents that {@code IOP_POSTGRES_IMAGE} and
* {@code IOP_RABBITMQ_IMAGE} name (bin/docker-engine builds them from Debian's packages where the public images
* cannot be pulled).
*/
public final class TestInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

  // 40 keeps iop_<runId>_<name> within PostgreSQL's 63-byte limit; longer names would be silently truncated.
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,40}");
  // t, the creation time in epoch seconds base36 (six digits until 2084), four random characters.
  private static final Pattern RUN_ID = Pattern.compile("t([0-9a-z]{6})[0-9a-z]{4}");
  private static final Pattern RUN_DATABASE = Pattern.compile("iop_(t[0-9a-z]{10})_[a-z0-9_]+");
  private static final Duration STALE_AFTER = Duration.ofHours(6);
  private static final int CONNECT_TIMEOUT_SECONDS = 3;
  private static final String QUEUE_EXPIRY = "PT30M";

  /** The same images as docker-compose.yml, and the variables that substitute them there and here. */
  static final String POSTGRES_IMAGE = "postgres:17.6-alpine";
  static final String RABBITMQ_IMAGE = "rabbitmq:4.0.5-management-alpine";

  private static TestInfrastructure instance;

  private final String runId = newRunId(Instant.now());
  private final PostgresServer postgres;
  private final Broker broker;
  private final Map<String, Database> databases = new LinkedHashMap<>();

  private TestInfrastructure(PostgresServer postgres, Broker broker) {
    this.postgres = postgres;
    this.broker = broker;
    Runtime.getRuntime().addShutdownHook(new Thread(this::dropRunDatabases, "iop-test-databases-cleanup"));
  }

  /**
  * The infrastructure of this JVM, started on first use. A failure is not remembered, so each later test
  * reports the same clear message instead of a class initialisation error.
  */
  public static synchronized TestInfrastructure get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** Unique to this JVM: lowercase, usable in database and queue names, and telling when the run began. */
  public String runId() {
    return runId;
  }

  /** Creates the database {@code iop_<runId>_<name>} the first time a name is asked for; dropped at JVM exit. */
  public synchronized Database database(String name) {
    if (name == null || !DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Database name must be 1 to 40 lowercase letters, digits or underscores, not '" + name + "'");
    }
    return databases.computeIfAbsent(name, this::createDatabase);
  }

  public Broker rabbit() {
    return broker;
  }

  /** The platform prefixes every exchange and queue with this, so runs on one broker never share a queue. */
  public String messagingNamespace() {
    return runId;
  }

  /** Settings for a Spring application under test, connecting it to {@code database(databaseName)}. */
  public Map<String, String> springProperties(String databaseName) {
    Database database = database(databaseName);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", database.jdbcUrl());
    properties.put("spring.datasource.username", database.username());
    properties.put("spring.datasource.password", database.password());
    properties.put("spring.rabbitmq.host", broker.host());
    properties.put("spring.rabbitmq.port", Integer.toString(broker.port()));
    properties.put("spring.rabbitmq.username", broker.username());
    properties.put("spring.rabbitmq.password", broker.password());
    properties.put("platform.messaging.namespace", messagingNamespace());
    // Test queues expire on the broker once unused, so runs that crashed leave nothing behind.
    properties.put("platform.messaging.queue-expiry", QUEUE_EXPIRY);
    // Services accept the test issuer's tokens; tests about identity use the real Keycloak.
    properties.putAll(TestTokens.get().springProperties());
    return Collections.unmodifiableMap(properties);
  }

  /** {@link #springProperties(String)} as environment variables, for a service started as its own process. */
  public Map<String, String> environment(String databaseName) {
    Map<String, String> environment = new LinkedHashMap<>();
    springProperties(databaseName).forEach((key, value) -> environment.put(
        key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    return Collections.unmodifiableMap(environment);
  }

  private static TestInfrastructure start() {
    Mode mode = Mode.chosen();
    return mode.containers() ? containers(mode.reason()) : local(mode.forced());
  }

  /**
  * Containers or the local servers, as {@code IOP_TEST_INFRA} says, else as the presence of a Docker engine does;
  * the same choice for everything the harness gives (PostgreSQL, RabbitMQ, {@link TestRedis Redis}).
  */
  record Mode(boolean containers, boolean forced, String reason) {

    static Mode chosen() {
      String forced = setting("IOP_TEST_INFRA", "");
      return switch (forced) {
        case "local" -> new Mode(false, true, "IOP_TEST_INFRA=local");
        case "testcontainers" -> new Mode(true, true, "IOP_TEST_INFRA=testcontainers");
        case "" -> DockerClientFactory.instance().isDockerAvailable()
            ? new Mode(true, false, "a Docker engine is available")
            : new Mode(false, false, "no Docker engine found");
        default -> throw new IllegalStateException(
            "IOP_TEST_INFRA must be 'local' or 'testcontainers', not '" + forced + "'");
      };
    }
  }

  private static TestInfrastructure containers(String reason) {
    var postgresContainer = new PostgreSQLContainer(image("IOP_POSTGRES_IMAGE", POSTGRES_IMAGE));
    var rabbitContainer = new RabbitMQContainer(image("IOP_RABBITMQ_IMAGE", RABBITMQ_IMAGE));
    // Started in parallel and never stopped here: they serve the whole JVM, and Ryuk removes them after it.
    Startables.deepStart(postgresContainer, rabbitContainer).join();
    var infrastructure = new TestInfrastructure(
        new PostgresServer(postgresContainer.getHost(),
            postgresContainer.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
            postgresContainer.getUsername(), postgresContainer.getPassword()),
        new Broker(rabbitContainer.getHost(), rabbitContainer.getAmqpPort(),
            rabbitContainer.getAdminUsername(), rabbitContainer.getAdminPassword()));
    infrastructure.logChoice("Testcontainers (" + postgresContainer.getDockerImageName() + ", "
        + rabbitContainer.getDockerImageName() + ")", reason);
    return infrastructure;
  }

  /** The public image, or the equivalent the variable names, which the container then treats as the public one. */
  static DockerImageName image(String variable, String publicImage) {
    DockerImageName standard = DockerImageName.parse(publicImage);
    String chosen = setting(variable, publicImage);
    return chosen.equals(publicImage)
        ? standard
        : DockerImageName.parse(chosen).asCompatibleSubstituteFor(standard.getUnversionedPart());
  }

  private static TestInfrastructure local(boolean forced) {
    var postgres = new PostgresServer(setting("IOP_TEST_POSTGRES_HOST", "127.0.0.1"),
        Integer.parseInt(setting("IOP_TEST_POSTGRES_PORT", "5432")),
        setting("IOP_TEST_POSTGRES_USER", "postgres"), setting("IOP_TEST_POSTGRES_PASSWORD", ""));
    var broker = new Broker(setting("IOP_TEST_RABBITMQ_HOST", "127.0.0.1"),
        Integer.parseInt(setting("IOP_TEST_RABBITMQ_PORT", "5672")),
        setting("IOP_TEST_RABBITMQ_USER", "guest"), setting("IOP_TEST_RABBITMQ_PASSWORD", "guest"));

    List<String> missing = new ArrayList<>();
    List<String> toStart = new ArrayList<>();
    postgresProblem(postgres).ifPresent(problem -> {
      missing.add(problem);
      toStart.add("PostgreSQL (on Debian: pg_ctlcluster <version> main start)");
    });
    rabbitProblem(broker).ifPresent(problem -> {
      missing.add(problem);
      toStart.add("RabbitMQ (on Debian: service rabbitmq-server start)");
    });
    if (!missing.isEmpty()) {
      // Failing loudly rather than skipping: a green build must mean the integration tests ran.
      throw new IllegalStateException(forced
          ? "IOP_TEST_INFRA=local but " + String.join(" and ", missing) + ". Start "
              + String.join(" and ", toStart) + ", or unset IOP_TEST_INFRA to use a Docker engine."
          : "No Docker engine found and " + String.join(" and ", missing) + ". Start "
              + String.join(" and ", toStart) + " or a Docker engine.");
    }

    var infrastructure = new TestInfrastructure(postgres, broker);
    infrastructure.logChoice("local servers", forced ? "IOP_TEST_INFRA=local" : "no Docker engine found");
    // Only local servers outlive a run; databases of runs that crashed would otherwise pile up.
    infrastructure.dropDatabasesCreatedBefore(Instant.now().minus(STALE_AFTER));
    return infrastructure;
  }

  private static Optional<String> postgresProblem(PostgresServer postgres) {
    try (Connection ignored = postgres.connect()) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("no PostgreSQL at " + postgres.host() + ":" + postgres.port() + " accepting user '"
          + postgres.username() + "' (" + rootMessage(e) + ")");
    }
  }

  private static Optional<String> rabbitProblem(Broker broker) {
    var factory = broker.connectionFactory();
    factory.setVirtualHost("/");
    factory.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000);
    factory.setHandshakeTimeout(CONNECT_TIMEOUT_SECONDS * 1000);
    try (var ignored = factory.newConnection("iop-test-infrastructure-check")) {
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of("no RabbitMQ at " + broker.host() + ":" + broker.port() + " accepting user '"
          + broker.username() + "' (" + rootMessage(e) + ")");
    }
  }

  private void logChoice(String mode, String reason) {
    log.info("Test infrastructure: {} because {}; PostgreSQL at {}:{}, RabbitMQ at {}:{}, run {}", mode, reason,
        postgres.host(), postgres.port(), broker.host(), broker.port(), runId);
  }

  private Database createDatabase(String name) {
    String database = "iop_" + runId + "_" + name;
    try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + database + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + database + " on " + postgres.host() + ":"
          + postgres.port() + ": " + e.getMessage(), e);
    }
    return new Database(postgres.jdbcUrl(database), postgres.username(), postgres.password(), database);
  }

  /** Drops databases of runs that began before the cutoff; leaves everything else, including other names. */
  void dropDatabasesCreatedBefore(Instant cutoff) {
    List<String> stale = new ArrayList<>();
    try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
      try (ResultSet names = statement.executeQuery(
          "SELECT datname FROM pg_database WHERE datname LIKE 'iop\\_t%'")) {
        while (names.next()) {
          Matcher run = RUN_DATABASE.matcher(names.getString(1));
          if (run.matches() && createdAt(run.group(1)).filter(cutoff::isAfter).isPresent()) {
            stale.add(run.group());
          }
        }
      }
      for (String database : stale) {
        dropQuietly(statement, database);
      }
    } catch (SQLException e) {
      log.warn("Could not look for databases left by earlier test runs: {}", e.getMessage());
    }
  }

  private void dropRunDatabases() {
    List<String> names;
    synchronized (this) {
      names = databases.values().stream().map(Database::name).toList();
    }
    if (names.isEmpty()) {
      return;
    }
    try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
      for (String database : names) {
        dropQuietly(statement, database);
      }
    } catch (SQLException e) {
      log.warn("Could not drop this run's databases {}: {}", names, e.getMessage());
    }
  }

  private static void dropQuietly(Statement statement, String database) {
    try {
      // FORCE: connection pools of application contexts still closing must not keep the database alive.
      statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    } catch (SQLException e) {
      log.warn("Could not drop test database {}: {}", database, e.getMessage());
    }
  }

  static String newRunId(Instant createdAt) {
    var random = ThreadLocalRandom.current();
    var suffix = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      suffix.append(Character.forDigit(random.nextInt(36), 36));
    }
    return "t" + Long.toString(createdAt.getEpochSecond(), 36) + suffix;
  }

  static Optional<Instant> createdAt(String runId) {
    Matcher matcher = RUN_ID.matcher(runId);
    return matcher.matches()
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(matcher.group(1), 36)))
        : Optional.empty();
  }

  /** A connection to the server's {@code postgres} database, as the user that creates and drops databases. */
  Connection connectToServer() throws SQLException {
    return postgres.connect();
  }

  static String setting(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isEmpty() ? fallback : value;
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  private record PostgresServer(String host, int port, String username, String password) {

    String jdbcUrl(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect() throws SQLException {
      var properties = new Properties();
      properties.setProperty("user", username);
      properties.setProperty("password", password);
      properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
      return DriverManager.getConnection(jdbcUrl("postgres"), properties);
    }
  }
}
