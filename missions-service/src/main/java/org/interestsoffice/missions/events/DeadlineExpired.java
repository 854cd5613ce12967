package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A departure deadline ran out: whoever has not left is overdue. */
@IntegrationEvent(type = "DeadlineExpired")
public record DeadlineExpired(
    UUID missionId, String officeCode, UUID deadlineId, String deadlineKind, Instant dueAt, int deadlineVersion) {}
