package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * The alert an acknowledgement link belongs to, as the link's page and its confirmation need it.
 *
 * @param linkExpiresAt when this link (the alert's current one, or one it carried before a re-drive) stops working
 */
public record LinkedAlert(
    UUID id,
    UUID staffId,
    UUID missionId,
    String officeCode,
    UUID deadlineId,
    String deadlineKind,
    int deadlineVersion,
    int round,
    String language,
    String subject,
    Instant linkExpiresAt,
    Instant acknowledgedAt) {}
