package org.interestsoffice.notifications.alerts;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertEvent.Acknowledged;
import org.interestsoffice.notifications.alerts.AlertEvent.ContactMissing;
import org.interestsoffice.notifications.alerts.AlertEvent.NotSent;
import org.interestsoffice.notifications.alerts.AlertEvent.ReDriven;
import org.interestsoffice.notifications.alerts.AlertEvent.ReportedDelivered;
import org.interestsoffice.notifications.alerts.AlertEvent.ReportedFailed;
import org.interestsoffice.notifications.alerts.AlertEvent.Sent;

/**
 * An alert's delivery as a state machine: the one place that decides what an event does to it.
 *
 * <pre>
 * QUEUED, RETRYING --Sent--> SENT --ReportedDelivered--> DELIVERED
 *                                 --ReportedFailed-----> FAILED
 * QUEUED, RETRYING --NotSent (transient, attempts left)--> RETRYING
 *                  --NotSent (permanent, or the last attempt)--> DEAD
 *                  --ContactMissing--> RETRYING (not an attempt)
 * DEAD, FAILED     --ReDriven--> QUEUED (attempts 0, generation + 1)
 * any              --Acknowledged--> the same status, acknowledged (once)
 * </pre>
 *
 * A report about a message that is no longer {@code SENT} changes nothing (the provider repeats
 * itself, or reports on a message since re-driven). Anything else is refused with {@link
 * IllegalTransition}: it is a bug, or (a re-drive of what got through) a conflict to report.
 *
 * @param generation how many times it was re-driven: names its {@link DeliveryKey}
 * @param lastError the error of its latest failed attempt, if any
 */
public record Alert(UUID id, Channel channel, AlertStatus status, int attempts, int generation, String lastError, boolean acknowledged) {

  public Alert {
    Objects.requireNonNull(id);
    Objects.requireNonNull(channel);
    Objects.requireNonNull(status);
  }

  public DeliveryKey deliveryKey() {
    return new DeliveryKey(id, generation);
  }

  /**
   * What the event changes.
   *
   * @param maxAttempts attempts after which a transient failure is given up on
   * @throws IllegalTransition if the event cannot happen to an alert in this state
   */
  public Transition on(AlertEvent event, int maxAttempts) {
    if (event instanceof ContactMissing) {
      requireWaiting(event);
      Alert after = with(AlertStatus.RETRYING, attempts, generation, ContactMissing.ERROR, acknowledged);
      // Said once in the delivery log, not at every look.
      boolean alreadySaid = status == AlertStatus.RETRYING && ContactMissing.ERROR.equals(lastError);
      return new Transition(this, after, alreadySaid ? Optional.empty() : Optional.of(new Logged(AlertStatus.RETRYING, ContactMissing.ERROR)));
    }
    if (event instanceof Sent) {
      requireWaiting(event);
      return moved(with(AlertStatus.SENT, attempts + 1, generation, null, acknowledged), null);
    }
    if (event instanceof NotSent failed) {
      requireWaiting(event);
      int tried = attempts + 1;
      AlertStatus next = failed.permanent() || tried >= maxAttempts ? AlertStatus.DEAD : AlertStatus.RETRYING;
      return moved(with(next, tried, generation, failed.error(), acknowledged), failed.error());
    }
    if (event instanceof ReportedDelivered) {
      return status == AlertStatus.SENT ? moved(with(AlertStatus.DELIVERED, attempts, generation, lastError, acknowledged), null) : unchanged();
    }
    if (event instanceof ReportedFailed failed) {
      return status == AlertStatus.SENT ? moved(with(AlertStatus.FAILED, attempts, generation, failed.error(), acknowledged), failed.error()) : unchanged();
    }
    if (event instanceof ReDriven redriven) {
      if (!status.undelivered()) {
        throw new IllegalTransition(this, event);
      }
      return moved(with(AlertStatus.QUEUED, 0, generation + 1, null, acknowledged), "Re-driven by " + redriven.by());
    }
    if (event instanceof Acknowledged) {
      return acknowledged ? unchanged() : new Transition(this, with(status, attempts, generation, lastError, true), Optional.empty());
    }
    throw new IllegalArgumentException("Unknown event " + event);
  }

  private void requireWaiting(AlertEvent event) {
    if (!status.waitingToBeSent()) {
      throw new IllegalTransition(this, event);
    }
  }

  private Alert with(AlertStatus status, int attempts, int generation, String lastError, boolean acknowledged) {
    return new Alert(id, channel, status, attempts, generation, lastError, acknowledged);
  }

  private Transition moved(Alert after, String error) {
    return new Transition(this, after, Optional.of(new Logged(after.status(), error)));
  }

  private Transition unchanged() {
    return new Transition(this, this, Optional.empty());
  }

  /** A line of the delivery log. */
  public record Logged(AlertStatus status, String error) {}

  /**
   * What an event changed.
   *
   * @param logged the line it adds to the delivery log, if any
   */
  public record Transition(Alert before, Alert after, Optional<Logged> logged) {

    public boolean changed() {
      return !before.equals(after);
    }
  }

  /** An event that cannot happen to the alert in its state. */
  public static final class IllegalTransition extends RuntimeException {

    private final transient Alert alert;

    IllegalTransition(Alert alert, AlertEvent event) {
      super("Alert " + alert.id() + " is " + alert.status() + ": " + event.getClass().getSimpleName() + " cannot happen to it");
      this.alert = alert;
    }

    public Alert alert() {
      return alert;
    }
  }
}
