package org.interestsoffice.notifications.personnel;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  private final Publishing publishing;
  private final JsonMapper json;
  private final JdbcClient notificationsDatabase;

  public Personnel(RabbitTemplate rabbit, JsonMapper json, MessagingNames names, JdbcClient notificationsDatabase) {
    this.publishing = new Publishing(rabbit, json, names);
    this.json = json;
    this.notificationsDatabase = notificationsDatabase;
  }

  private record StaffRegistered(
      UUID staffId,
      UUID missionId,
      String officeCode,
      String fullName,
      String category,
      String email,
      String phone,
      String preferredLanguage,
      long contactVersion) {}

  private record DepartureOrdered(
      UUID staffId,
      UUID missionId,
      String officeCode,
      String missionName,
      String missionTimeZone,
      UUID deadlineId,
      String deadlineKind,
      int deadlineVersion,
      Instant dueAt,
      String deadlineStatus,
      String change,
      Replaced replaces,
      boolean exercise) {}

  private record Replaced(String deadlineKind, UUID deadlineId, int deadlineVersion) {}

  private record StaffContactChanged(
      UUID staffId, UUID missionId, String officeCode, String fullName, String email, String phone, String preferredLanguage,
      long contactVersion) {}

  /** The version personnel gave each person's contact details last, as its staff row's version does. */
  private final Map<UUID, Long> contactVersions = new ConcurrentHashMap<>();

  /** Where each exercise's case clock stands, as personnel last heard of it. */
  private final Map<UUID, Instant> caseNows = new ConcurrentHashMap<>();

  private record StaffEvent(UUID staffId, UUID missionId, String officeCode) {}

  private record StaffDeparted(UUID staffId, UUID missionId, String officeCode, Instant departedAt, UUID departureGroupId) {}

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
                member.preferredLanguage(),
                contactVersions.merge(member.staffId(), 0L, (old, registered) -> registered))));
    return awaitContactCopied(member);
  }

  /** The person's contact details change (all of them are sent, changed or not), numbered after the last. */
  public StaffMember changesContactOf(StaffMember member) {
    changesContactAs(member, contactVersions.merge(member.staffId(), 1L, Long::sum));
    return awaitContactCopied(member);
  }

  /**
   * A change of the person's details as personnel numbered it, published without waiting for the
   * copy: how two quick corrections look when the broker delivers the later one first.
   */
  public EventEnvelope changesContactAs(StaffMember member, long contactVersion) {
    return publish(
        envelope(
            "StaffContactChanged",
            member.mission().officeCode(),
            new StaffContactChanged(
                member.staffId(),
                member.mission().missionId(),
                member.mission().officeCode(),
                member.fullName(),
                member.email(),
                member.phone(),
                member.preferredLanguage(),
                contactVersion)));
  }

  /** Waits until notifications holds these contact details. */
  public StaffMember awaitsContactOf(StaffMember member) {
    return awaitContactCopied(member);
  }

  /**
   * Waits until notifications holds these contact details. In production a person is registered long
   * before any order; notifications' consumers run in parallel, so a test that registers and orders
   * in the same instant would otherwise race the two (that race has a test of its own).
   */
  private StaffMember awaitContactCopied(StaffMember member) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notificationsDatabase.sql("select count(*) from staff_contact where staff_id = :id and email = :email and phone = :phone")
                        .param("id", member.staffId())
                        .param("email", member.email())
                        .param("phone", member.phone())
                        .query(Integer.class)
                        .single()
                    == 1);
    return member;
  }

  /** Orders the staff member out by a new departure deadline (its first version). */
  public DepartureOrder ordersDeparture(StaffMember member, Instant dueAt) {
    return orders(member, "DEPARTURE", UUID.randomUUID(), 1, dueAt, "RUNNING", null);
  }

  /** After cessation: the remaining staff member is ordered out by the final departure deadline. */
  public DepartureOrder ordersFinalDeparture(StaffMember member, Instant dueAt) {
    return orders(member, "FINAL_DEPARTURE", UUID.randomUUID(), 1, dueAt, "RUNNING", null);
  }

  /** The host capped the mission: the person is ordered out by the reduction's deadline. */
  public DepartureOrder ordersReduction(StaffMember member, Instant dueAt) {
    return orders(member, "REDUCTION", UUID.randomUUID(), 1, dueAt, "RUNNING", null);
  }

  /**
   * The person moves off {@code replaced} onto a new order of another kind (a rupture overtaking a
   * reduction, a persona non grata), which names the order it replaces.
   */
  public DepartureOrder ordersReplacing(DepartureOrder replaced, String kind, Instant dueAt) {
    return send(draft(replaced.staffMember(), kind, UUID.randomUUID(), 1, dueAt, "RUNNING", null, replaced));
  }

  /**
   * A reduction order written by personnel now but not delivered yet, as when it is held up on the
   * way and something personnel said after it arrives first. Deliver it with {@link #delivers}.
   */
  public DepartureOrder draftsReduction(StaffMember member, Instant dueAt) {
    return draft(member, "REDUCTION", UUID.randomUUID(), 1, dueAt, "RUNNING", null, null);
  }

  /** Delivers an order drafted earlier, with the instant it was written at. */
  public DepartureOrder delivers(DepartureOrder drafted) {
    return send(drafted);
  }

  /** The same order published again as a new event, as after a retry on personnel's side. */
  public DepartureOrder ordersAgain(DepartureOrder order) {
    return orders(order.staffMember(), order.deadlineKind(), order.deadlineId(), order.deadlineVersion(), order.dueAt(), order.deadlineStatus(), null);
  }

  /** The deadline behind the order is extended: the order follows, a version later. */
  public DepartureOrder extendsDeadline(DepartureOrder order, Instant newDueAt) {
    return orders(order.staffMember(), order.deadlineKind(), order.deadlineId(), order.deadlineVersion() + 1, newDueAt, "RUNNING", "EXTENDED");
  }

  /** The deadline is reissued: a new deadline continuing the version of the one it supersedes. */
  public DepartureOrder reissues(DepartureOrder order, Instant newDueAt) {
    return orders(order.staffMember(), order.deadlineKind(), UUID.randomUUID(), order.deadlineVersion() + 1, newDueAt, "RUNNING", "REISSUED");
  }

  /** The deadline is suspended: no due instant while it is. */
  public DepartureOrder suspends(DepartureOrder order) {
    return orders(order.staffMember(), order.deadlineKind(), order.deadlineId(), order.deadlineVersion() + 1, null, "SUSPENDED", "SUSPENDED");
  }

  public EventEnvelope designatesRemaining(StaffMember member) {
    return publish(envelope("RemainingStaffDesignated", member.mission().officeCode(), staffEvent(member)));
  }

  public EventEnvelope departs(StaffMember member) {
    return publish(
        envelope(
            "StaffDeparted",
            member.mission().officeCode(),
            new StaffDeparted(member.staffId(), member.mission().missionId(), member.mission().officeCode(), Instant.now(), null)));
  }

  /** The broker delivers the very same message again (same event id). */
  public void redelivers(DepartureOrder order) {
    publish(order.envelope());
  }

  private static StaffEvent staffEvent(StaffMember member) {
    return new StaffEvent(member.staffId(), member.mission().missionId(), member.mission().officeCode());
  }

  private DepartureOrder orders(
      StaffMember member, String kind, UUID deadlineId, int deadlineVersion, Instant dueAt, String status, String change) {
    return send(draft(member, kind, deadlineId, deadlineVersion, dueAt, status, change, null));
  }

  private DepartureOrder send(DepartureOrder order) {
    publish(order.envelope());
    return order;
  }

  private DepartureOrder draft(
      StaffMember member, String kind, UUID deadlineId, int deadlineVersion, Instant dueAt, String status, String change,
      DepartureOrder replaced) {
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
                kind,
                deadlineVersion,
                dueAt,
                status,
                change,
                replaced == null ? null : new Replaced(replaced.deadlineKind(), replaced.deadlineId(), replaced.deadlineVersion()),
                mission.exercise()));
    return new DepartureOrder(member, kind, deadlineId, deadlineVersion, dueAt, status, envelope);
  }

  /** An event of a version this notifications service does not know (a producer released ahead of it). */
  public EventEnvelope publishesAFutureVersionOf(StaffMember member) {
    UUID eventId = UUID.randomUUID();
    return publish(
        new EventEnvelope(
            eventId, "StaffDeparted", 2, Instant.now(), eventId.toString(), eventId.toString(), member.mission().officeCode(),
            json.valueToTree(staffEvent(member))));
  }

  /**
   * Personnel's events about an exercise occur on its case clock, as personnel last heard of it:
   * {@link #hearsCaseClockAt} sets it.
   */
  public void hearsCaseClockAt(Mission exercise, Instant caseNow) {
    caseNows.put(exercise.missionId(), caseNow);
  }

  private EventEnvelope envelope(String type, String officeCode, Object payload) {
    UUID eventId = UUID.randomUUID();
    Instant occurredAt = Instant.now();
    if (payload instanceof DepartureOrdered order && order.exercise()) {
      occurredAt = caseNowOf(order.missionId());
    } else if (payload instanceof StaffEvent event && caseNows.containsKey(event.missionId())) {
      occurredAt = caseNowOf(event.missionId());
    } else if (payload instanceof StaffDeparted departed && caseNows.containsKey(departed.missionId())) {
      occurredAt = caseNowOf(departed.missionId());
    }
    return new EventEnvelope(
        eventId, type, 1, occurredAt, eventId.toString(), eventId.toString(), officeCode, json.valueToTree(payload));
  }

  private Instant caseNowOf(UUID exercise) {
    Instant caseNow = caseNows.get(exercise);
    if (caseNow == null) {
      throw new IllegalStateException("No case clock heard for exercise " + exercise + ": call hearsCaseClockAt first");
    }
    return caseNow;
  }

  private EventEnvelope publish(EventEnvelope envelope) {
    return publishing.publish(EXCHANGE, envelope);
  }

}
