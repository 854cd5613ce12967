package org.interestsoffice.missions.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Relations are broken; the mission's staff must leave by the departure deadline. */
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
    Instant dueAt) {}
