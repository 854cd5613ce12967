package org.interestsoffice.missions.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Relations are broken; the mission's staff must leave by the departure deadline.
 *
 * @param initiatedBy {@code RECEIVING_STATE} (the host expelled the mission) or {@code SENDING_STATE}
 * @param noteDirection the rupture note's direction for the mission's office: {@code INCOMING} or {@code OUTGOING}
 * @param supersededDeadlineIds the mission's {@code REDUCTION} deadlines this rupture ends (empty when none)
 */
@IntegrationEvent(type = "RelationsSevered")
public record RelationsSevered(
    UUID missionId,
    String officeCode,
    String missionName,
    String receivingState,
    String timeZone,
    String noteReference,
    Instant noteReceivedAt,
    boolean consularPostsClosed,
    UUID deadlineId,
    String deadlineKind,
    int deadlineVersion,
    Duration departureWindow,
    Instant dueAt,
    String initiatedBy,
    String noteDirection,
    Instant effectiveAt,
    List<UUID> supersededDeadlineIds) {}
