package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * A deadline was extended, suspended or reissued. Consumers keep the highest {@code
 * deadlineVersion} they have seen per lineage; a reissue names the deadline it supersedes.
 */
@IntegrationEvent(type = "DeadlineChanged")
public record DeadlineChanged(
    UUID missionId,
    String officeCode,
    UUID deadlineId,
    UUID previousDeadlineId,
    String deadlineKind,
    String change,
    String status,
    Instant dueAt,
    int deadlineVersion,
    String noteReference) {}
