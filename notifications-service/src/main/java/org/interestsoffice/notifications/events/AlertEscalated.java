package org.interestsoffice.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Nobody acknowledged a person's departure alert in time, and the office heads were told.
 *
 * @param officeHeadsNotified how many office heads an escalation message went to (0: none was found)
 */
@IntegrationEvent(type = "AlertEscalated")
public record AlertEscalated(
    UUID staffId,
    UUID missionId,
    String officeCode,
    UUID deadlineId,
    int deadlineVersion,
    Instant escalatedAt,
    int officeHeadsNotified) {}
