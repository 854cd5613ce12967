package org.interestsoffice.missions.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * The host caps the mission's size (VCDR art. 11): at most {@code ceiling} staff stay, the others
 * must leave by the {@code REDUCTION} deadline.
 */
@IntegrationEvent(type = "StaffCeilingImposed")
public record StaffCeilingImposed(
    UUID missionId,
    String officeCode,
    String noteReference,
    Instant noteReceivedAt,
    Instant effectiveAt,
    int ceiling,
    UUID deadlineId,
    String deadlineKind,
    int deadlineVersion,
    Duration window,
    Instant dueAt) {}
