package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A staff member must leave by the deadline's due instant. */
@IntegrationEvent(type = "DepartureOrdered")
public record DepartureOrdered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String missionName,
    String missionTimeZone,
    UUID deadlineId,
    String deadlineKind,
    int deadlineVersion,
    Instant dueAt) {}
