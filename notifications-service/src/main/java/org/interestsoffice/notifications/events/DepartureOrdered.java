package org.interestsoffice.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Notifications' copy of the personnel event. */
@IntegrationEvent(type = "DepartureOrdered")
public record DepartureOrdered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String missionName,
    String missionTimeZone,
    UUID deadlineId,
    int deadlineVersion,
    Instant dueAt) {}
