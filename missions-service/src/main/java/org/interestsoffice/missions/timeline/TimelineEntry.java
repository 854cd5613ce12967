package org.interestsoffice.missions.timeline;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened to a mission. Fields that do not apply to the kind of entry are null.
 *
 * @param type {@code NOTE}, {@code TRANSITION}, {@code DEADLINE} or {@code PROTECTING_POWER}
 * @param at when a note was received or sent; when anything else was recorded
 * @param what the note's direction, the new status, the deadline's change, or the scope
 */
public record TimelineEntry(
    String type,
    Instant at,
    String what,
    String actor,
    String noteReference,
    String fromStatus,
    String toStatus,
    String legalBasis,
    UUID deadlineId,
    String deadlineKind,
    String deadlineStatus,
    Instant dueAt,
    Integer version,
    String summary) {}
