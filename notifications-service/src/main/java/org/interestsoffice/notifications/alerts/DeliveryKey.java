package org.interestsoffice.notifications.alerts;

import java.util.UUID;

/**
 * What names one sending of an alert to its channel: the same on every attempt of a generation (a
 * retry, a re-send after a crash before the commit), so a provider or mail client that deduplicates
 * shows it once; new when an administrator re-drives it (generation + 1), so a deduplicating
 * provider really sends it again.
 *
 * <p>Generation 0 keeps the forms the service has always used (the alert id; {@code
 * <alert-{id}@interests-office>}), so messages in flight across an upgrade keep their key. A later
 * generation still names the alert before the {@code @} of its Message-ID.
 *
 * @param generation how many times the alert was re-driven
 */
public record DeliveryKey(UUID alertId, int generation) {

  public DeliveryKey {
    if (generation < 0) {
      throw new IllegalArgumentException("generation " + generation);
    }
  }

  /** The SMS request's {@code Idempotency-Key}. */
  public String idempotencyKey() {
    return generation == 0 ? alertId.toString() : alertId + "-r" + generation;
  }

  /** The email's {@code Message-ID}. */
  public String messageId() {
    return generation == 0 ? "<alert-" + alertId + "@interests-office>" : "<alert-" + alertId + "@r" + generation + ".interests-office>";
  }
}
