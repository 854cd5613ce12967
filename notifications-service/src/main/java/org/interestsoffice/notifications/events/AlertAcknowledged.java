package org.interestsoffice.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A person confirmed, through the link in an alert, that they received it. */
@IntegrationEvent(type = "AlertAcknowledged")
public record AlertAcknowledged(
    UUID alertId,
    UUID staffId,
    UUID missionId,
    String officeCode,
    UUID deadlineId,
    int deadlineVersion,
    Instant acknowledgedAt) {}
