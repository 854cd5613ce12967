package org.interestsoffice.missions.mission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A mission as the API shows it; {@code exercise} (its start and where its case clock stands) only for an exercise. */
public record MissionView(
    UUID id,
    String officeCode,
    MissionKind kind,
    String name,
    String sendingState,
    String receivingState,
    String city,
    String timeZone,
    MissionStatus status,
    boolean consularPostsClosed,
    Instant registeredAt,
    Integer remainingStaffCeiling,
    String protectingState,
    List<String> interestsSectionServices,
    RuptureInitiator ruptureInitiatedBy,
    Exercise exercise) {

  public static MissionView of(Mission mission) {
    return new MissionView(
        mission.id(),
        mission.officeCode(),
        mission.kind(),
        mission.name(),
        mission.sendingState(),
        mission.receivingState(),
        mission.city(),
        mission.timeZone().getId(),
        mission.status(),
        mission.consularPostsClosed(),
        mission.registeredAt(),
        mission.remainingStaffCeiling().orElse(null),
        mission.protectingState().orElse(null),
        mission.interestsSectionServices(),
        mission.ruptureInitiatedBy().orElse(null),
        mission.exercise().orElse(null));
  }
}
