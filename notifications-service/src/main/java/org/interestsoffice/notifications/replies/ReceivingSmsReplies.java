package org.interestsoffice.notifications.replies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.acknowledgement.AcknowledgingAlerts;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.notifications.alerts.LinkedAlert;
import org.interestsoffice.notifications.alerts.ReplyOutcome;
import org.interestsoffice.notifications.contacts.Contact;
import org.interestsoffice.notifications.contacts.Contacts;
import org.interestsoffice.notifications.delivery.InboundSms;
import org.interestsoffice.notifications.delivery.Outcome;
import org.interestsoffice.notifications.delivery.Outgoing;
import org.interestsoffice.notifications.delivery.SmsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person answers an SMS alert by SMS. In a crisis data connections go before voice and SMS, so a
 * reply must acknowledge as well as the link does:
 *
 * <ul>
 *   <li>"OK", "SI", "SÍ", "YES" or "1" (any case, spaces around) from a known contact's number
 *       acknowledges that person's latest unacknowledged SMS alert, through the same use case as
 *       the link ({@link AcknowledgingAlerts}: {@code AlertAcknowledged} is published the same way);
 *   <li>anything else is recorded and answered with a short help text in the person's language,
 *       once per alert;
 *   <li>a number that is nobody's contact changes nothing (recorded all the same);
 *   <li>a message the provider delivers again (the same provider message id) has one effect.
 * </ul>
 *
 * Every reply about an alert shows in its log ({@code GET /api/alerts/{id}}).
 *
 * <p>The help text goes through the {@link SmsProvider} directly, not through the alerts' owner: it
 * is not an alert (no deadline, no link, no escalation, no re-drive, and it must not count in a
 * mission's alert progress). Its once-per-alert claim ({@code sms_reply_help}) is taken in the same
 * transaction as the reply; it goes under the Idempotency-Key {@code "{alert id}-help"}, without a
 * delivery report; a send that fails releases the claim, so the next reply not understood tries
 * again.
 */
@Service
class ReceivingSmsReplies implements InboundSms {

  private static final Logger log = LoggerFactory.getLogger(ReceivingSmsReplies.class);

  private final SmsReplies replies;
  private final Contacts contacts;
  private final Alerts alerts;
  private final AcknowledgingAlerts acknowledging;
  private final SmsProvider provider;

  ReceivingSmsReplies(SmsReplies replies, Contacts contacts, Alerts alerts, AcknowledgingAlerts acknowledging, SmsProvider provider) {
    this.replies = replies;
    this.contacts = contacts;
    this.alerts = alerts;
    this.acknowledging = acknowledging;
    this.provider = provider;
  }

  @Override
  @Transactional
  public ReplyOutcome receive(Message message) {
    UUID id = UUID.randomUUID();
    String text = message.text().length() > SmsReplies.MAX_TEXT ? message.text().substring(0, SmsReplies.MAX_TEXT) : message.text();
    if (!replies.record(id, message.providerMessageId(), message.from(), text, message.receivedAt())) {
      ReplyOutcome first = replies.outcomeOf(message.providerMessageId()).orElseThrow();
      log.atInfo().addKeyValue("providerMessageId", message.providerMessageId()).log("SMS reply delivered again; it was {} the first time", first);
      return first;
    }
    List<Contact> senders = ReplyWords.e164(message.from()).map(contacts::findByPhone).orElse(List.of());
    if (senders.isEmpty()) {
      return settled(id, Optional.empty(), ReplyOutcome.UNKNOWN_SENDER);
    }
    Optional<LinkedAlert> open = alerts.latestUnacknowledgedSms(senders.stream().map(Contact::staffId).toList());
    if (open.isEmpty()) {
      return settled(id, Optional.of(senders.get(0).staffId()), ReplyOutcome.NO_OPEN_ALERT);
    }
    LinkedAlert alert = open.get();
    ReplyOutcome outcome;
    if (ReplyWords.acknowledges(text)) {
      // The alert is locked since it was found: nobody acknowledged it in between.
      outcome = acknowledging.acknowledgeByReply(alert) ? ReplyOutcome.ACKNOWLEDGED : ReplyOutcome.NO_OPEN_ALERT;
    } else {
      Contact person = senders.stream().filter(contact -> contact.staffId().equals(alert.staffId())).findFirst().orElse(senders.get(0));
      outcome = answerWithHelp(alert, person, message.receivedAt());
    }
    if (outcome.aboutAnAlert()) {
      alerts.replied(alert.id(), text, outcome);
    }
    replies.settle(id, Optional.of(alert.staffId()), Optional.of(alert.id()), outcome);
    log.atInfo().addKeyValue("alertId", alert.id()).log("SMS reply: {}", outcome);
    return outcome;
  }

  private ReplyOutcome answerWithHelp(LinkedAlert alert, Contact person, Instant at) {
    if (!replies.claimHelp(alert.id(), at)) {
      return ReplyOutcome.NOT_UNDERSTOOD;
    }
    Outcome sent = provider.send(Outgoing.helpAnswering(alert.id(), person.phone(), ReplyTexts.help(person.language())));
    if (sent instanceof Outcome.Sent taken) {
      replies.helpSent(alert.id(), taken.providerMessageId());
      return ReplyOutcome.HELP_SENT;
    }
    // The error may quote the number: the log names the alert only.
    log.atWarn().addKeyValue("alertId", alert.id()).log("The help text answering an SMS reply was not sent; the next reply not understood tries again");
    replies.releaseHelp(alert.id());
    return ReplyOutcome.HELP_NOT_SENT;
  }

  private ReplyOutcome settled(UUID id, Optional<UUID> staffId, ReplyOutcome outcome) {
    replies.settle(id, staffId, Optional.empty(), outcome);
    log.atInfo().addKeyValue("smsReplyId", id).log("SMS reply: {}", outcome);
    return outcome;
  }
}
