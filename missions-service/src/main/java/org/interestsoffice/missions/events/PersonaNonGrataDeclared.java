package org.interestsoffice.missions.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * One person is declared persona non grata (VCDR art. 9): they and their family must leave by the
 * {@code PERSONAL} deadline.
 */
@IntegrationEvent(type = "PersonaNonGrataDeclared")
public record PersonaNonGrataDeclared(
    UUID missionId,
    String officeCode,
    UUID staffId,
    String staffName,
    String noteReference,
    Instant noteReceivedAt,
    Instant effectiveAt,
    UUID deadlineId,
    String deadlineKind,
    int deadlineVersion,
    Duration window,
    Instant dueAt) {}
