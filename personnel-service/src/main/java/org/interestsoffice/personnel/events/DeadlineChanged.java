package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.DeadlineStatus;
import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Personnel's copy of the missions event: only what it reads.
 *
 * @param previousDeadlineId the deadline a reissue supersedes, else null
 * @param dueAt null while the deadline is suspended, if missions sends none
 */
@IntegrationEvent(type = "DeadlineChanged")
public record DeadlineChanged(
    UUID missionId,
    String officeCode,
    UUID deadlineId,
    UUID previousDeadlineId,
    DeadlineKind deadlineKind,
    String change,
    DeadlineStatus status,
    Instant dueAt,
    int deadlineVersion) {}
