package org.interestsoffice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TestInfrastructureTest {

  private final TestInfrastructure infrastructure = TestInfrastructure.get();

  @Test
  void runIdIsSafeForDatabaseAndQueueNamesAndTellsWhenTheRunBegan() {
    String runId = infrastructure.runId();

    assertThat(runId).matches("t[0-9a-z]{10}");
    assertThat(TestInfrastructure.createdAt(runId))
        .hasValueSatisfying(createdAt -> assertThat(createdAt).isCloseTo(Instant.now(), within(1, ChronoUnit.HOURS)));
    assertThat(infrastructure.messagingNamespace()).isEqualTo(runId);
  }

  @Test
  void eachNameGetsItsOwnWorkingDatabase() throws SQLException {
    Database notes = infrastructure.database("notes_check");
    Database deadlines = infrastructure.database("deadlines_check");

    update(notes, "CREATE TABLE note (text varchar(200))", "INSERT INTO note VALUES ('Relations severed')");

    assertThat(query(notes, "SELECT text FROM note")).containsExactly("Relations severed");
    assertThat(query(deadlines, "SELECT tablename FROM pg_tables WHERE tablename = 'note'")).isEmpty();
    assertThat(notes.name()).isEqualTo("iop_" + infrastructure.runId() + "_notes_check");
    assertThat(deadlines.name()).isEqualTo("iop_" + infrastructure.runId() + "_deadlines_check");
  }

  @Test
  void askingAgainForANameGivesTheSameDatabase() throws SQLException {
    update(infrastructure.database("staff_check"), "CREATE TABLE staff (name varchar(100))");

    assertThat(query(infrastructure.database("staff_check"), "SELECT tablename FROM pg_tables WHERE tablename = 'staff'"))
        .containsExactly("staff");
  }

  @Test
  void refusesNamesPostgresWouldChangeOrTruncate() {
    assertThatIllegalArgumentException().isThrownBy(() -> infrastructure.database("Missions"));
    assertThatIllegalArgumentException().isThrownBy(() -> infrastructure.database("protecting-power"));
    assertThatIllegalArgumentException().isThrownBy(() -> infrastructure.database(""));
    assertThatIllegalArgumentException().isThrownBy(() -> infrastructure.database("m".repeat(41)));
  }

  @Test
  void springPropertiesConnectToTheDatabaseTheBrokerAndTheRunsNamespace() {
    Database missions = infrastructure.database("properties_check");
    Broker broker = infrastructure.rabbit();

    assertThat(infrastructure.springProperties("properties_check")).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("platform.security.issuer", TestTokens.get().issuer()),
        Map.entry("platform.security.jwk-set-uri", TestTokens.get().jwkSetUri()),
        Map.entry("spring.datasource.url", missions.jdbcUrl()),
        Map.entry("spring.datasource.username", missions.username()),
        Map.entry("spring.datasource.password", missions.password()),
        Map.entry("spring.rabbitmq.host", broker.host()),
        Map.entry("spring.rabbitmq.port", Integer.toString(broker.port())),
        Map.entry("spring.rabbitmq.username", broker.username()),
        Map.entry("spring.rabbitmq.password", broker.password()),
        Map.entry("platform.messaging.namespace", infrastructure.runId()),
        Map.entry("platform.messaging.queue-expiry", "PT30M")));
  }

  @Test
  void environmentVariablesBindToTheSameSettingsAsTheSpringProperties() {
    Map<String, String> environment = infrastructure.environment("properties_check");
    // Named like the real one, so Spring Boot applies its environment variable naming rules.
    var source = new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment));
    var binder = new Binder(ConfigurationPropertySources.from(source));

    assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
        "SPRING_DATASOURCE_PASSWORD", "SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_PORT",
        "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD", "PLATFORM_MESSAGING_NAMESPACE",
        "PLATFORM_MESSAGING_QUEUE_EXPIRY");
    infrastructure.springProperties("properties_check").forEach((name, value) ->
        assertThat(binder.bind(name, String.class).orElse(null)).as(name).isEqualTo(value));
  }

  @Test
  void brokerAcceptsConnections() throws Exception {
    Broker broker = infrastructure.rabbit();
    var factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());

    try (var connection = factory.newConnection()) {
      assertThat(connection.isOpen()).isTrue();
    }
  }

  @Test
  void dropsOnlyTheDatabasesOfRunsThatBeganBeforeTheCutoff() throws SQLException {
    Instant now = Instant.now();
    String crashedRun = "iop_" + TestInfrastructure.newRunId(now.minus(Duration.ofHours(7))) + "_missions";
    String recentRun = "iop_" + TestInfrastructure.newRunId(now.minus(Duration.ofHours(1))) + "_missions";
    String notARun = "iop_template_check";
    try {
      serverUpdate("CREATE DATABASE " + crashedRun, "CREATE DATABASE " + recentRun, "CREATE DATABASE " + notARun);

      infrastructure.dropDatabasesCreatedBefore(now.minus(Duration.ofHours(6)));

      assertThat(databasesOnServer()).doesNotContain(crashedRun).contains(recentRun, notARun);
    } finally {
      serverUpdate("DROP DATABASE IF EXISTS " + crashedRun, "DROP DATABASE IF EXISTS " + recentRun,
          "DROP DATABASE IF EXISTS " + notARun);
    }
  }

  private List<String> databasesOnServer() throws SQLException {
    try (Connection connection = infrastructure.connectToServer()) {
      return rows(connection, "SELECT datname FROM pg_database");
    }
  }

  private void serverUpdate(String... statements) throws SQLException {
    try (Connection connection = infrastructure.connectToServer(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static void update(Database database, String... statements) throws SQLException {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static List<String> query(Database database, String sql) throws SQLException {
    try (Connection connection = connect(database)) {
      return rows(connection, sql);
    }
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static Connection connect(Database database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
  }
}
