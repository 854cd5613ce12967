package org.interestsoffice.missions.mission;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;

/** One diplomatic or consular post of an office, and where it stands in a rupture. */
public final class Mission {

  private final UUID id;
  private final String officeCode;
  private final MissionKind kind;
  private final String name;
  private final String sendingState;
  private final String receivingState;
  private final String city;
  private final ZoneId timeZone;
  private final Instant registeredAt;
  private MissionStatus status;
  private boolean consularPostsClosed;
  private final long version;

  public Mission(
      UUID id,
      String officeCode,
      MissionKind kind,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone,
      Instant registeredAt,
      MissionStatus status,
      boolean consularPostsClosed,
      long version) {
    this.id = id;
    this.officeCode = officeCode;
    this.kind = kind;
    this.name = name;
    this.sendingState = sendingState;
    this.receivingState = receivingState;
    this.city = city;
    this.timeZone = timeZone;
    this.registeredAt = registeredAt;
    this.status = status;
    this.consularPostsClosed = consularPostsClosed;
    this.version = version;
  }

  public static Mission register(
      String officeCode,
      MissionKind kind,
      String name,
      String sendingState,
      String receivingState,
      String city,
      ZoneId timeZone,
      Instant now) {
    if (sendingState.equals(receivingState)) {
      throw ProblemException.invalid(
          "Invalid mission", "The sending and the receiving state must differ, both are " + sendingState);
    }
    return new Mission(
        UUID.randomUUID(), officeCode, kind, name, sendingState, receivingState, city, timeZone, now,
        MissionStatus.OPERATING, false, 0);
  }

  /**
   * Relations are broken: the mission must prepare to leave.
   *
   * @return the status it had before
   */
  public MissionStatus severRelations(boolean consularPostsAlsoClosed) {
    MissionStatus before = requireStatus(MissionStatus.OPERATING, "declare a rupture");
    status = MissionStatus.RELATIONS_SEVERED;
    consularPostsClosed = consularPostsAlsoClosed;
    return before;
  }

  private MissionStatus requireStatus(MissionStatus expected, String action) {
    if (status != expected) {
      throw ProblemException.conflict(
              "Transition not allowed", "Cannot " + action + " for a mission that is " + status)
          .with("currentStatus", status)
          .with("allowedFrom", List.of(expected));
    }
    return status;
  }

  public UUID id() {
    return id;
  }

  public String officeCode() {
    return officeCode;
  }

  public MissionKind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String sendingState() {
    return sendingState;
  }

  public String receivingState() {
    return receivingState;
  }

  public String city() {
    return city;
  }

  public ZoneId timeZone() {
    return timeZone;
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public MissionStatus status() {
    return status;
  }

  public boolean consularPostsClosed() {
    return consularPostsClosed;
  }

  public long version() {
    return version;
  }
}
