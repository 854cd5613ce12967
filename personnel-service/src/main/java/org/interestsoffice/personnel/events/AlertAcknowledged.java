package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the notifications event: a person confirmed an alert of this deadline version. */
@IntegrationEvent(type = "AlertAcknowledged")
public record AlertAcknowledged(UUID staffId, UUID missionId, String officeCode, UUID deadlineId, int deadlineVersion, Instant acknowledgedAt) {}
