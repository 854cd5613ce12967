package org.interestsoffice.personnel.groups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * People leaving together, on one flight or in one convoy.
 *
 * @param departedAt once the group's departure is confirmed (else null)
 */
record DepartureGroup(
    UUID id,
    UUID missionId,
    String officeCode,
    String name,
    Instant scheduledAt,
    Transport transport,
    Instant departedAt,
    List<UUID> memberIds) {

  DepartureGroup withMembers(List<UUID> members) {
    return new DepartureGroup(id, missionId, officeCode, name, scheduledAt, transport, departedAt, List.copyOf(members));
  }

  boolean hasDeparted() {
    return departedAt != null;
  }
}
