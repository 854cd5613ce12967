package org.interestsoffice.missions.timeline;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened to a mission. Fields that do not apply to the kind of entry are null.
 *
 * @param type {@code NOTE}, {@code TRANSITION}, {@code DEADLINE} or {@code PROTECTING_POWER}
 * @param at the same as {@code effectiveAt} (kept for existing clients)
 * @param effectiveAt when it took effect: a note's receipt or dispatch, a transition's effect, a
 *     deadline's start at its note, its expiry at its due instant; the timeline is ordered by it
 * @param recordedAt when it was entered into the system
 * @param what the note's direction, the new status, the deadline's change, or the mandate's change
 * @param staffId for a personal deadline, the person it applies to
 * @param staffName that person's name
 */
public record TimelineEntry(
    String type,
    Instant at,
    Instant effectiveAt,
    Instant recordedAt,
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
    String summary,
    UUID staffId,
    String staffName) {}
