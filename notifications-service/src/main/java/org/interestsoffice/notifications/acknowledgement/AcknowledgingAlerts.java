package org.interestsoffice.notifications.acknowledgement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.escalation.Escalations;
import org.interestsoffice.notifications.events.AlertAcknowledged;
import org.interestsoffice.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person confirms, by the link in an alert, that they received it. Confirming twice changes
 * nothing and publishes nothing more: only the first confirmation publishes {@link
 * AlertAcknowledged}.
 */
@Service
class AcknowledgingAlerts {

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

  private record AlertByToken(
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
      Instant expiresAt,
      Instant acknowledgedAt) {}

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Escalations escalations;
  private final Clock clock;

  AcknowledgingAlerts(JdbcClient jdbc, Outbox outbox, Escalations escalations, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.escalations = escalations;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  Link look(String tokenText) {
    return AckToken.parse(tokenText).flatMap(this::find).map(this::stateOf).orElse(Link.UNKNOWN);
  }

  @Transactional
  Link acknowledge(String tokenText) {
    Optional<AckToken> token = AckToken.parse(tokenText);
    if (token.isEmpty()) {
      return Link.UNKNOWN;
    }
    Instant now = clock.instant();
    // The row lock makes a second, concurrent confirmation wait and then find it already done.
    Optional<AlertByToken> confirmed =
        jdbc.sql(
                """
                update alert set acknowledged_at = :now
                where ack_token_hash = :hash and acknowledged_at is null and ack_expires_at > :now
                returning *, ack_expires_at as expires_at
                """)
            .param("now", Timestamp.from(now))
            .param("hash", token.get().hash())
            .query(AcknowledgingAlerts::map)
            .optional();
    if (confirmed.isEmpty()) {
      return find(token.get()).map(this::stateOf).orElse(Link.UNKNOWN);
    }
    AlertByToken alert = confirmed.get();
    outbox.append(
        alert.officeCode(),
        new AlertAcknowledged(
            alert.id(), alert.staffId(), alert.missionId(), alert.officeCode(), alert.deadlineId(), alert.deadlineVersion(), now));
    if (alert.deadlineKind() != null) {
      escalations.settle(alert.staffId(), alert.deadlineKind(), alert.deadlineVersion(), alert.round());
    }
    log.atInfo().addKeyValue("alertId", alert.id()).log("Alert acknowledged");
    return new Link(LinkState.ACKNOWLEDGED, alert.language(), alert.subject());
  }

  private Optional<AlertByToken> find(AckToken token) {
    return jdbc.sql("select *, ack_expires_at as expires_at from alert where ack_token_hash = :hash")
        .param("hash", token.hash())
        .query(AcknowledgingAlerts::map)
        .optional();
  }

  private Link stateOf(AlertByToken alert) {
    LinkState state;
    if (alert.acknowledgedAt() != null) {
      state = LinkState.ACKNOWLEDGED;
    } else if (!alert.expiresAt().isAfter(clock.instant())) {
      state = LinkState.EXPIRED;
    } else {
      state = LinkState.OPEN;
    }
    return new Link(state, alert.language(), alert.subject());
  }

  private static AlertByToken map(ResultSet rs, int row) throws SQLException {
    Timestamp acknowledgedAt = rs.getTimestamp("acknowledged_at");
    return new AlertByToken(
        rs.getObject("id", UUID.class),
        rs.getObject("staff_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getObject("deadline_id", UUID.class),
        rs.getString("deadline_kind"),
        rs.getInt("deadline_version"),
        rs.getInt("round"),
        rs.getString("language"),
        rs.getString("subject"),
        rs.getTimestamp("expires_at").toInstant(),
        acknowledgedAt == null ? null : acknowledgedAt.toInstant());
  }
}
