package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Personnel's copy of the missions event: one person is expelled by note (VCDR art. 9). Only what
 * personnel reads; the deadline is the {@code PERSONAL} one.
 */
@IntegrationEvent(type = "PersonaNonGrataDeclared")
public record PersonaNonGrataDeclared(
    UUID missionId,
    String officeCode,
    UUID staffId,
    String noteReference,
    UUID deadlineId,
    DeadlineKind deadlineKind,
    int deadlineVersion,
    Instant dueAt) {}
