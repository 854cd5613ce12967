package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: only what it reads. */
@IntegrationEvent(type = "DeadlineExpired")
public record DeadlineExpired(
    UUID missionId, String officeCode, UUID deadlineId, DeadlineKind deadlineKind, Instant dueAt, int deadlineVersion) {}
