package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * An exercise's case clock moved forward: every service applies it to the exercise's time rules
 * (overdue, reminders, escalation). Published after the deadlines that fell due in between, which
 * carry their own due instants.
 */
@IntegrationEvent(type = "CaseClockAdvanced")
public record CaseClockAdvanced(UUID missionId, String officeCode, Instant startsAt, Instant previousCaseNow, Instant caseNow) {}
