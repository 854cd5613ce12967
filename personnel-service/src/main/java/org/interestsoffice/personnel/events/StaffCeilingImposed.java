package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Personnel's copy of the missions event: the host caps the mission's size (VCDR art. 11). Only
 * what personnel reads; the deadline is the {@code REDUCTION} one.
 */
@IntegrationEvent(type = "StaffCeilingImposed")
public record StaffCeilingImposed(
    UUID missionId,
    String officeCode,
    String noteReference,
    int ceiling,
    UUID deadlineId,
    DeadlineKind deadlineKind,
    int deadlineVersion,
    Instant dueAt) {}
