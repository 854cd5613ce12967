package org.interestsoffice.notifications.personnel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the personnel service: publishes its events to its exchange on the real broker, the way
 * its outbox relay does (routing key = event type, message id = event id). The payloads are
 * personnel's own, with the fields notifications does not keep, as they are on the wire.
 *
 * <p>Each event counts as published once the broker confirms it, as in the relay. Waiting for
 * that confirm before the next event also keeps them in order on the queue: with confirms on,
 * consecutive sends may go out on different channels, and the broker orders messages only
 * within a channel.
 */
public final class Personnel {

  private static final String EXCHANGE = "personnel.events";

  private final RabbitTemplate rabbit;
  private final JsonMapper json;
  private final MessagingNames names;

  public Personnel(RabbitTemplate rabbit, JsonMapper json, MessagingNames names) {
    this.rabbit = rabbit;
    this.json = json;
    this.names = names;
  }

  private record StaffRegistered(
      UUID staffId,
      UUID missionId,
      String officeCode,
      String fullName,
      String category,
      String email,
      String phone,
      String preferredLanguage) {}

  private record DepartureOrdered(
      UUID staffId,
      UUID missionId,
      String officeCode,
      String missionName,
      String missionTimeZone,
      UUID deadlineId,
      String deadlineKind,
      int deadlineVersion,
      Instant dueAt) {}

  public StaffMember registers(StaffMember member) {
    publish(
        envelope(
            "StaffRegistered",
            member.mission().officeCode(),
            new StaffRegistered(
                member.staffId(),
                member.mission().missionId(),
                member.mission().officeCode(),
                member.fullName(),
                member.category(),
                member.email(),
                member.phone(),
                member.preferredLanguage())));
    return member;
  }

  /** Orders the staff member out by a new departure deadline (its first version). */
  public DepartureOrder ordersDeparture(StaffMember member, Instant dueAt) {
    return orders(member, UUID.randomUUID(), 1, dueAt);
  }

  /** The same order published again as a new event, as after a retry on personnel's side. */
  public DepartureOrder ordersAgain(DepartureOrder order) {
    return orders(order.staffMember(), order.deadlineId(), order.deadlineVersion(), order.dueAt());
  }

  /** The deadline behind an order is reissued: a new version of it, with a new due instant. */
  public DepartureOrder reissues(DepartureOrder order, Instant newDueAt) {
    return orders(order.staffMember(), order.deadlineId(), order.deadlineVersion() + 1, newDueAt);
  }

  /** The broker delivers the very same message again (same event id). */
  public void redelivers(DepartureOrder order) {
    publish(order.envelope());
  }

  private DepartureOrder orders(StaffMember member, UUID deadlineId, int deadlineVersion, Instant dueAt) {
    Mission mission = member.mission();
    EventEnvelope envelope =
        envelope(
            "DepartureOrdered",
            mission.officeCode(),
            new DepartureOrdered(
                member.staffId(),
                mission.missionId(),
                mission.officeCode(),
                mission.name(),
                mission.timeZone(),
                deadlineId,
                "DEPARTURE",
                deadlineVersion,
                dueAt));
    publish(envelope);
    return new DepartureOrder(member, deadlineId, deadlineVersion, dueAt, envelope);
  }

  private EventEnvelope envelope(String type, String officeCode, Object payload) {
    UUID eventId = UUID.randomUUID();
    return new EventEnvelope(
        eventId, type, 1, Instant.now(), eventId.toString(), eventId.toString(), officeCode, json.valueToTree(payload));
  }

  private void publish(EventEnvelope envelope) {
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding(StandardCharsets.UTF_8.name());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(envelope.eventId().toString());
    properties.setType(envelope.type());
    CorrelationData correlation = new CorrelationData(envelope.eventId().toString());
    rabbit.send(names.of(EXCHANGE), envelope.type(), new Message(json.writeValueAsBytes(envelope), properties), correlation);
    try {
      CorrelationData.Confirm confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
      if (!confirm.ack() || correlation.getReturned() != null) {
        throw new IllegalStateException("The broker did not take " + envelope.type() + ": " + confirm.reason());
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("No confirm from the broker for " + envelope.type(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing " + envelope.type(), e);
    }
  }
}
