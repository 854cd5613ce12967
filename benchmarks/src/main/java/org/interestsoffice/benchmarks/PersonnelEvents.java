package org.interestsoffice.benchmarks;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import org.interestsoffice.testing.Broker;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Personnel's events as notifications consumes them, published the way personnel's outbox does. */
final class PersonnelEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PersonnelEvents() {}

  /** {@code count} new people, to be staff number 0 to count - 1. */
  static List<UUID> newPeople(int count) {
    List<UUID> people = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      people.add(UUID.randomUUID());
    }
    return people;
  }

  /** A channel with publisher confirms to the namespace's personnel events exchange, as personnel declares it. */
  static final class Publisher implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String exchange;

    private Publisher(Connection connection, Channel channel, String exchange) {
      this.connection = connection;
      this.channel = channel;
      this.exchange = exchange;
    }

    static Publisher open(Broker broker, String namespace, String name) throws IOException, TimeoutException {
      ConnectionFactory factory = broker.connectionFactory();
      Connection connection = factory.newConnection(name);
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      String exchange = namespace + ".personnel.events";
      channel.exchangeDeclare(exchange, "topic", true, true, null);
      return new Publisher(connection, channel, exchange);
    }

    /** Registers the people as staff of the mission (number i is {@code people.get(i)}); returns once the broker confirmed them. */
    void registers(UUID mission, List<UUID> people) throws IOException, InterruptedException, TimeoutException {
      for (int i = 0; i < people.size(); i++) {
        publish("StaffRegistered", registration(people.get(i), mission, i));
      }
      confirmed();
    }

    /** Orders the person out on the deadline (version 1, running), unconfirmed until {@link #confirmed()}. */
    void orders(UUID person, UUID mission, UUID deadline, Instant due) throws IOException {
      publish("DepartureOrdered", order(person, mission, deadline, due));
    }

    void confirmed() throws IOException, InterruptedException, TimeoutException {
      channel.waitForConfirmsOrDie(60_000);
    }

    private void publish(String type, ObjectNode payload) throws IOException {
      PersonnelEvents.publish(channel, exchange, type, payload);
    }

    @Override
    public void close() throws IOException, TimeoutException {
      channel.close();
      connection.close();
    }
  }

  /** Staff member number {@code i} of the mission: {@code staff-<i>@bench.example}, a third of them in Spanish. */
  private static ObjectNode registration(UUID person, UUID mission, int i) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("staffId", person.toString());
    payload.put("missionId", mission.toString());
    payload.put("officeCode", "CCS");
    payload.put("fullName", "Staff Member " + i);
    payload.put("category", "DIPLOMATIC_AGENT");
    payload.put("email", email(i));
    payload.put("phone", String.format(Locale.ROOT, "+1202%07d", i));
    payload.put("preferredLanguage", i % 3 == 0 ? "es" : "en");
    return payload;
  }

  static String email(int i) {
    return "staff-" + i + "@bench.example";
  }

  private static ObjectNode order(UUID person, UUID mission, UUID deadline, Instant due) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("staffId", person.toString());
    payload.put("missionId", mission.toString());
    payload.put("officeCode", "CCS");
    payload.put("missionName", "Embassy of the United States in Caracas");
    payload.put("missionTimeZone", "America/Caracas");
    payload.put("deadlineId", deadline.toString());
    payload.put("deadlineKind", "DEPARTURE");
    payload.put("deadlineVersion", 1);
    payload.put("dueAt", due.toString());
    payload.put("deadlineStatus", "RUNNING");
    payload.put("exercise", false);
    return payload;
  }

  private static void publish(Channel channel, String exchange, String type, ObjectNode payload) throws IOException {
    UUID eventId = UUID.randomUUID();
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("eventId", eventId.toString());
    envelope.put("type", type);
    envelope.put("version", 1);
    envelope.put("occurredAt", Instant.now().toString());
    envelope.put("correlationId", eventId.toString());
    envelope.put("causationId", eventId.toString());
    envelope.put("officeCode", "CCS");
    envelope.set("payload", payload);
    AMQP.BasicProperties properties =
        MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").messageId(eventId.toString()).type(type).build();
    channel.basicPublish(exchange, type, true, properties, JSON.writeValueAsBytes(envelope));
  }
}
