package org.interestsoffice.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.explodingParcel;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.testing.Database;
import org.interestsoffice.testing.TcpProxy;
import org.interestsoffice.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The database goes away while an event is being consumed, for much longer than the retries of a
 * failing message would last, and comes back: the event is handled then, once, and is no dead
 * letter. The service reaches PostgreSQL through a proxy the test cuts; the test itself reads the
 * database directly. Connection timeouts are shortened so that the outage outlasts the old retry
 * budget many times over in a few seconds.
 *
 * <p>The service is busy when the line is cut: every connection in its pool has just been used, so
 * the pool hands them out without checking them (Hikari checks only connections idle for more than
 * half a second) and the consumer's first tries fail on broken connections rather than on an empty
 * pool. That is where the outage used to be mistaken for a failure of the message: the pool closes
 * the broken connection, the rollback fails with a plain "Connection is closed" and Spring throws it
 * in place of the I/O error, so three such tries used up the retries and made a dead letter.
 */
@SpringBootTest(
    classes = ParcelService.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.datasource.hikari.connection-timeout=500",
      "spring.datasource.hikari.validation-timeout=250",
      "platform.messaging.consumer.outage-max-interval=1s",
      // Its own queue: a cached context of another test class consuming the shared parcels queue,
      // with a database nobody cuts, would otherwise take the event the outage is about.
      "platformtest.parcels-queue=platformtest.parcels-outage"
    })
@DirtiesContext
class DatabaseOutageIT {

  private static final Database database = TestInfrastructure.get().database("platform_outage");
  /** Opened for each test class (a subclass runs these tests with batches), before its context. */
  private static TcpProxy databaseLink;

  @BeforeAll
  static void openLink() {
    URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
    databaseLink = TcpProxy.start(server.getHost(), server.getPort());
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().springProperties("platform_outage").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + databaseLink.host() + ":" + databaseLink.port() + "/" + database.name());
  }

  @AfterAll
  static void closeLink() {
    databaseLink.close();
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired MessagingNames names;
  @Autowired MessagingProperties properties;
  @Autowired EventSubscription subscription;
  @Autowired DataSource dataSource;

  /** In every parcel's name: the database is shared with the batched variant, which runs these tests again. */
  private final String run = getClass().getSimpleName();

  @AfterEach
  void databaseBack() {
    databaseLink.restore();
  }

  @Test
  void eventsArrivingWhileTheDatabaseIsDownAreHandledOnceItIsBackAndAreNoDeadLetters() throws Exception {
    publish(envelopeOf(parcel(run + "-before-outage")));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiptsInTheDatabase(run + "-before-outage") == 1);
    everyPooledConnectionJustUsed();
    databaseLink.cut();
    for (int i = 1; i <= 3; i++) {
      publish(envelopeOf(parcel(run + "-during-outage-" + i)));
    }

    // Far longer than the retries of a failing message (3 tries, each failing within the 0.5 s pool timeout).
    Duration outage = Duration.ofSeconds(10);
    Instant outageEnds = Instant.now().plus(outage);
    await().atMost(outage).until(() -> readyMessagesIn(subscription.queueName()) == 0);
    while (Instant.now().isBefore(outageEnds)) {
      assertThat(deadLettersInTheDatabase()).as("no dead letter written during the outage").isZero();
      assertThat(readyMessagesIn(subscription.deadLetterQueueName())).as("nothing handed to the broker's dead-letter queue").isZero();
      Thread.sleep(500); // the outage's length is the subject here, not a wait for an outcome
    }
    assertThat(receiptsInTheDatabase(run + "-during-outage-%")).as("not handled while the database is away").isZero();

    databaseLink.restore();

    // Handled, or kept as a dead letter by a consumer that gave up on it: whichever comes, it comes soon.
    await().atMost(Duration.ofSeconds(20)).until(() -> receiptsInTheDatabase(run + "-during-outage-%") + deadLettersInTheDatabase() >= 3);
    assertThat(deadLettersInTheDatabase()).as("an outage makes no dead letter").isZero();
    assertThat(receiptsInTheDatabase(run + "-during-outage-%")).as("handled once the database is back").isEqualTo(3);
    publish(envelopeOf(parcel(run + "-after-outage")));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiptsInTheDatabase(run + "-after-outage") == 1);
    assertThat(receiptsInTheDatabase(run + "-during-outage-%")).isEqualTo(3);
    assertThat(deadLettersInTheDatabase()).as("an outage makes no dead letter").isZero();
    assertThat(readyMessagesIn(subscription.deadLetterQueueName())).isZero();
  }

  @Test
  void aMessageThatFailsOnItsOwnIsStillADeadLetterAfterItsRetries() {
    EventEnvelope event = envelopeOf(explodingParcel(run + "-poison-beside-outage"));
    publish(event);

    await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterCountOf(event.eventId()) == 1);
    assertThat(receiptsInTheDatabase(run + "-poison-beside-outage")).isZero();
  }

  /** Takes every connection of the pool at once and uses it, as a busy service would have a moment before. */
  private void everyPooledConnectionJustUsed() throws SQLException {
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize(); i++) {
        Connection connection = dataSource.getConnection();
        connections.add(connection);
        try (Statement statement = connection.createStatement()) {
          statement.execute("select 1");
        }
      }
    } finally {
      for (Connection connection : connections) {
        connection.close();
      }
    }
  }

  private EventEnvelope envelopeOf(Object payload) {
    return new EventEnvelope(
        UUID.randomUUID(), "ParcelShipped", 1, Instant.now(), "outage-test", "outage-test", ParcelService.OFFICE, json.valueToTree(payload));
  }

  private void publish(EventEnvelope envelope) {
    MessageProperties messageProperties = new MessageProperties();
    messageProperties.setMessageId(envelope.eventId().toString());
    messageProperties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    rabbit.send(names.of(properties.exchange()), envelope.type(), new Message(json.writeValueAsBytes(envelope), messageProperties));
  }

  private int readyMessagesIn(String queue) {
    var info = admin.getQueueInfo(queue);
    return info == null ? 0 : (int) info.getMessageCount();
  }

  /** Of the outage's events, in this test class. */
  private int deadLettersInTheDatabase() {
    return count("select count(*) from platform.dead_letter where convert_from(body, 'UTF8') ~ '" + run + "-(before|during|after)-outage'");
  }

  private int deadLetterCountOf(UUID eventId) {
    return count("select count(*) from platform.dead_letter where event_id = '" + eventId + "'");
  }

  /** @param parcel a name, or a {@code like} pattern */
  private int receiptsInTheDatabase(String parcel) {
    return count("select count(*) from parcel_receipt where parcel like '" + parcel + "'");
  }

  /**
   * Straight to PostgreSQL, past the proxy the service is cut off by. With a login timeout of its
   * own: the driver's default is the JVM-wide one Hikari sets from the service's short pool timeout.
   */
  private static int count(String sql) {
    Properties login = new Properties();
    login.setProperty("user", database.username());
    login.setProperty("password", database.password());
    login.setProperty("loginTimeout", "10");
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), login);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the test database: " + e.getMessage(), e);
    }
  }
}
