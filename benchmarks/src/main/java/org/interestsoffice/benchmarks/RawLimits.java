package org.interestsoffice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.interestsoffice.testing.Broker;
import org.interestsoffice.testing.Database;

/**
 * The raw rate of each resource an alert passes through, measured with the simplest correct client
 * and the service's own settings, so the pipeline's figure can be set beside what bounds it:
 * SMTP with as many connections as the service's email workers, RabbitMQ with the service's queue
 * type, persistence and acknowledgement, PostgreSQL with the service's rows per order and connections.
 */
final class RawLimits {

  /** A rate measured over {@code count} operations. */
  record Rate(String resource, String what, int count, double seconds) {
    double perSecond() {
      return count / seconds;
    }
  }

  private RawLimits() {}

  /** One raw loop, to be run between two readings of the CPU ledger. */
  interface Measurement {
    Rate measure() throws Exception;
  }

  /** Emails of about an alert's size over {@code connections} SMTP connections kept open, one per thread. */
  static Rate smtp(GreenMail smtp, int connections, int count, int messageBytes) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    Session session = Session.getInstance(properties);
    String body = "x".repeat(messageBytes);
    long start = System.nanoTime();
    onWorkers(
        connections,
        items -> {
          try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = items.getAsInt(); i < count; i = items.getAsInt()) {
              MimeMessage message = new MimeMessage(session);
              message.setFrom(new InternetAddress("alerts@raw.example"));
              InternetAddress to = new InternetAddress("raw-" + i + "@raw.example");
              message.setRecipient(RecipientType.TO, to);
              message.setSubject("Raw SMTP " + i, "UTF-8");
              message.setText(body, "UTF-8");
              message.saveChanges();
              transport.sendMessage(message, new InternetAddress[] {to});
            }
          }
        });
    return new Rate("SMTP", connections + " connections, " + messageBytes + " B", count, seconds(start));
  }

  /**
   * Messages of an event's size through one quorum queue, persistent, published with a confirm
   * wait every 50, consumed with manual acknowledgement; timed from the first publish to the last ack.
   */
  static Rate rabbit(Broker broker, String queuePrefix, int count, int messageBytes) throws Exception {
    ConnectionFactory factory = broker.connectionFactory();
    String queue = queuePrefix + ".raw-limit." + UUID.randomUUID();
    byte[] body = "x".repeat(messageBytes).getBytes(StandardCharsets.UTF_8);
    try (com.rabbitmq.client.Connection publishing = factory.newConnection("raw-publish");
        com.rabbitmq.client.Connection consuming = factory.newConnection("raw-consume")) {
      Channel out = publishing.createChannel();
      out.queueDeclare(queue, true, false, false, java.util.Map.of("x-queue-type", "quorum"));
      out.confirmSelect();
      Channel in = consuming.createChannel();
      in.basicQos(250);
      CountDownLatch acked = new CountDownLatch(count);
      in.basicConsume(
          queue,
          false,
          new DefaultConsumer(in) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] message) throws IOException {
              getChannel().basicAck(envelope.getDeliveryTag(), false);
              acked.countDown();
            }
          });
      long start = System.nanoTime();
      for (int i = 1; i <= count; i++) {
        out.basicPublish("", queue, true, MessageProperties.PERSISTENT_BASIC, body);
        if (i % 50 == 0) {
          out.waitForConfirmsOrDie(30_000);
        }
      }
      out.waitForConfirmsOrDie(30_000);
      if (!acked.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the raw consumer acknowledged " + (count - acked.getCount()) + " of " + count);
      }
      double seconds = seconds(start);
      out.queueDelete(queue);
      return new Rate("RabbitMQ", "quorum, persistent, confirms per 50, manual ack, " + messageBytes + " B", count, seconds);
    }
  }

  /**
   * Orders as the service's consumers write them: one transaction per order inserting
   * {@code rowsPerOrder} rows of about an alert row's width, over {@code connections} connections.
   */
  static Rate postgres(Database database, int connections, int orders, int rowsPerOrder) throws Exception {
    try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        Statement ddl = admin.createStatement()) {
      ddl.execute("drop table if exists raw_limit_row");
      ddl.execute(
          "create table raw_limit_row (id uuid primary key, order_id uuid not null, person_id uuid not null, kind text not null,"
              + " status text not null, due_at timestamptz not null, attempts int not null, body text not null, created_at timestamptz not null)");
      ddl.execute("create index on raw_limit_row (status, due_at)");
    }
    long start = System.nanoTime();
    onWorkers(
        connections,
        items -> {
          try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
              PreparedStatement insert = connection.prepareStatement("insert into raw_limit_row values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = items.getAsInt(); i < orders; i = items.getAsInt()) {
              UUID order = UUID.randomUUID();
              UUID person = UUID.randomUUID();
              Timestamp now = Timestamp.from(Instant.now());
              for (int row = 0; row < rowsPerOrder; row++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, order);
                insert.setObject(3, person);
                insert.setString(4, "ROW_" + row);
                insert.setString(5, "QUEUED");
                insert.setTimestamp(6, now);
                insert.setInt(7, 0);
                insert.setString(8, "an alert's worth of text for person " + person);
                insert.setTimestamp(9, now);
                insert.executeUpdate();
              }
              connection.commit();
            }
          }
        });
    double seconds = seconds(start);
    try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        Statement ddl = admin.createStatement()) {
      ddl.execute("drop table raw_limit_row");
    }
    return new Rate("PostgreSQL", connections + " connections, one transaction of " + rowsPerOrder + " rows per order", orders, seconds);
  }

  /** One worker's loop: takes item numbers from the shared counter until they run out. */
  private interface Worker {
    void run(java.util.function.IntSupplier items) throws Exception;
  }

  /** {@code workers} threads sharing one counter of item numbers; returns when all are done, throws what one threw. */
  private static void onWorkers(int workers, Worker worker) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        running.add(
            threads.submit(
                () -> {
                  worker.run(next::getAndIncrement);
                  return null;
                }));
      }
      for (Future<?> thread : running) {
        thread.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** Rows inserted into a database's tables so far, from PostgreSQL's statistics. */
  static long rowsInserted(Database database) throws SQLException, InterruptedException {
    // A backend reports its counts when idle, at most once a second.
    Thread.sleep(1_500);
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery("select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
