package org.interestsoffice.notifications.personnel;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.EventEnvelope;

/** A departure order personnel published, with the envelope it travelled in. */
public record DepartureOrder(
    StaffMember staffMember, String deadlineKind, UUID deadlineId, int deadlineVersion, Instant dueAt, String deadlineStatus, EventEnvelope envelope) {

  public UUID eventId() {
    return envelope.eventId();
  }
}
