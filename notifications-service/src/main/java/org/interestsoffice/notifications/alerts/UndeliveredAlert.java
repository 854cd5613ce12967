package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert that did not get through ({@code DEAD}, or {@code FAILED} after it was sent), as the
 * dead-letter listing shows it.
 *
 * @param undeliveredAt when it became so
 */
public record UndeliveredAlert(
    UUID id,
    Channel channel,
    Slot slot,
    String officeCode,
    AlertStatus status,
    String lastError,
    Instant undeliveredAt,
    int redriveCount,
    Instant lastRedrivenAt,
    String lastRedrivenBy) {}
