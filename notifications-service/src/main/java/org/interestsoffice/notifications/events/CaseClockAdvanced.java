package org.interestsoffice.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Notifications' copy of the missions event: an exercise's case clock moved forward. */
@IntegrationEvent(type = "CaseClockAdvanced")
public record CaseClockAdvanced(UUID missionId, String officeCode, Instant caseNow) {}
