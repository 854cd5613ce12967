package org.interestsoffice.notifications.acknowledgement;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.interestsoffice.notifications.alerts.AckToken;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.notifications.alerts.LinkedAlert;

import org.interestsoffice.notifications.escalation.Escalations;
import org.interestsoffice.notifications.events.AlertAcknowledged;
import org.interestsoffice.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person confirms, by the link in an alert or by replying to its SMS, that they received it.
 * Confirming twice changes nothing and publishes nothing more: only the first confirmation
 * publishes {@link AlertAcknowledged}, the same way whichever way it came.
 */
@Service
public class AcknowledgingAlerts {

  private static final Logger log = LoggerFactory.getLogger(AcknowledgingAlerts.class);

  /** Where a link stands, as its page shows it. */
  enum LinkState {
    UNKNOWN,
    EXPIRED,
    OPEN,
    ACKNOWLEDGED
  }

  /** What the page needs; language and subject are absent for an unknown link. */
  record Link(LinkState state, String language, String subject) {

    static final Link UNKNOWN = new Link(LinkState.UNKNOWN, "en", null);
  }

  private final Alerts alerts;
  private final Outbox outbox;
  private final Escalations escalations;
  private final Clock clock;

  AcknowledgingAlerts(Alerts alerts, Outbox outbox, Escalations escalations, Clock clock) {
    this.alerts = alerts;
    this.outbox = outbox;
    this.escalations = escalations;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  Link look(String tokenText) {
    return AckToken.parse(tokenText).flatMap(alerts::findByLink).map(this::stateOf).orElse(Link.UNKNOWN);
  }

  @Transactional
  Link acknowledge(String tokenText) {
    Optional<AckToken> token = AckToken.parse(tokenText);
    if (token.isEmpty()) {
      return Link.UNKNOWN;
    }
    Instant now = clock.instant();
    Optional<LinkedAlert> confirmed = alerts.acknowledge(token.get(), now);
    if (confirmed.isEmpty()) {
      return alerts.findByLink(token.get()).map(this::stateOf).orElse(Link.UNKNOWN);
    }
    LinkedAlert alert = confirmed.get();
    acknowledged(alert, now, "link");
    return new Link(LinkState.ACKNOWLEDGED, alert.language(), alert.subject());
  }

  /**
   * The person confirms by replying to the alert's SMS (the caller found the alert from the number
   * the reply came from).
   *
   * @return whether this reply is what acknowledged it (false: it was acknowledged already)
   */
  @Transactional
  public boolean acknowledgeByReply(LinkedAlert alert) {
    Instant now = clock.instant();
    Optional<LinkedAlert> confirmed = alerts.acknowledge(alert, now);
    confirmed.ifPresent(acknowledged -> acknowledged(acknowledged, now, "SMS reply"));
    return confirmed.isPresent();
  }

  private void acknowledged(LinkedAlert alert, Instant now, String how) {
    outbox.append(
        alert.officeCode(),
        new AlertAcknowledged(
            alert.id(), alert.staffId(), alert.missionId(), alert.officeCode(), alert.deadlineId(), alert.deadlineVersion(), now));
    if (alert.deadlineKind() != null) {
      escalations.settle(alert.staffId(), alert.deadlineKind(), alert.deadlineVersion(), alert.round());
    }
    log.atInfo().addKeyValue("alertId", alert.id()).addKeyValue("by", how).log("Alert acknowledged");
  }

  private Link stateOf(LinkedAlert alert) {
    LinkState state;
    if (alert.acknowledgedAt() != null) {
      state = LinkState.ACKNOWLEDGED;
    } else if (!alert.linkExpiresAt().isAfter(clock.instant())) {
      state = LinkState.EXPIRED;
    } else {
      state = LinkState.OPEN;
    }
    return new Link(state, alert.language(), alert.subject());
  }
}
