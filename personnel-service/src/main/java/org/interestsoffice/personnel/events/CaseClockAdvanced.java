package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: an exercise's case clock moved forward. */
@IntegrationEvent(type = "CaseClockAdvanced")
public record CaseClockAdvanced(UUID missionId, String officeCode, Instant caseNow) {}
