package org.interestsoffice.notifications.replies;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.ReplyOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The replies to SMS alerts ({@code sms_reply}) and the help texts that answered them ({@code
 * sms_reply_help}), in the caller's transaction. The alerts themselves are changed only through
 * their owner.
 */
@Repository
class SmsReplies {

  /** The longest reply kept: longer ones are cut (an SMS is at most a few hundred characters). */
  static final int MAX_TEXT = 1600;

  private final JdbcClient jdbc;

  SmsReplies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a reply as received, unless the provider delivered this message already. A second
   * delivery running at the same time waits here for the first to commit, then finds it.
   *
   * @return whether it is new
   */
  boolean record(UUID id, String providerMessageId, String sender, String text, Instant receivedAt) {
    return jdbc.sql(
                """
                insert into sms_reply (id, provider_message_id, sender, text, received_at, outcome)
                values (:id, :providerMessageId, :sender, :text, :receivedAt, :outcome)
                on conflict (provider_message_id) do nothing
                """)
            .param("id", id)
            .param("providerMessageId", providerMessageId)
            .param("sender", sender)
            .param("text", text)
            .param("receivedAt", Timestamp.from(receivedAt))
            .param("outcome", ReplyOutcome.RECEIVED.name())
            .update()
        == 1;
  }

  /** What the message with this provider id did when it was first received. */
  Optional<ReplyOutcome> outcomeOf(String providerMessageId) {
    return jdbc.sql("select outcome from sms_reply where provider_message_id = :id")
        .param("id", providerMessageId)
        .query((rs, row) -> ReplyOutcome.valueOf(rs.getString("outcome")))
        .optional();
  }

  void settle(UUID id, Optional<UUID> staffId, Optional<UUID> alertId, ReplyOutcome outcome) {
    jdbc.sql("update sms_reply set staff_id = :staffId, alert_id = :alertId, outcome = :outcome where id = :id")
        .param("staffId", staffId.orElse(null))
        .param("alertId", alertId.orElse(null))
        .param("outcome", outcome.name())
        .param("id", id)
        .update();
  }

  /**
   * Claims the one help text of the alert; a concurrent claim waits for this transaction and then
   * finds it taken.
   *
   * @return whether this caller may send it (no help text was sent for the alert yet)
   */
  boolean claimHelp(UUID alertId, Instant at) {
    return jdbc.sql("insert into sms_reply_help (alert_id, sent_at) values (:alertId, :at) on conflict (alert_id) do nothing")
            .param("alertId", alertId)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  void helpSent(UUID alertId, String providerMessageId) {
    jdbc.sql("update sms_reply_help set provider_message_id = :id where alert_id = :alertId")
        .param("id", providerMessageId)
        .param("alertId", alertId)
        .update();
  }

  /** The help text could not be sent: the next reply not understood tries again. */
  void releaseHelp(UUID alertId) {
    jdbc.sql("delete from sms_reply_help where alert_id = :alertId").param("alertId", alertId).update();
  }
}
