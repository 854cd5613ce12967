package org.interestsoffice.platform.deadletters;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a consumer of this service gave up on, as administrators see it; the same shape as
 * notifications' dead letters, whose {@code kind} may also be {@code ALERT}.
 *
 * @param kind always {@code EVENT} here
 * @param queue the queue the event failed in
 * @param type the event type (null when the message could not be read)
 * @param status {@code WAITING} for a re-drive, or {@code REDRIVEN}
 * @param redrivable false for a message that could not be read as an event
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
