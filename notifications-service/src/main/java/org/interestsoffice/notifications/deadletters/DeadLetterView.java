package org.interestsoffice.notifications.deadletters;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that did not get through and waits for an administrator: an event a consumer gave up on
 * ({@code EVENT}), or an alert that could not be delivered ({@code ALERT}, its id the alert's).
 *
 * @param queue for an event, the queue it failed in; for an alert, its channel
 * @param type the event type, or the alert's slot
 * @param status {@code WAITING} for a re-drive, or {@code REDRIVEN}
 */
record DeadLetterView(
    UUID id,
    String kind,
    String queue,
    String type,
    String officeCode,
    String reason,
    Instant deadLetteredAt,
    String status,
    int redriveCount,
    Instant lastRedrivenAt,
    String lastRedrivenBy,
    boolean redrivable) {}
