package org.interestsoffice.notifications.delivery;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;

import org.interestsoffice.notifications.acknowledgement.AcknowledgementLinks;
import org.interestsoffice.notifications.alerts.AlertSettings;
import org.interestsoffice.notifications.alerts.AlertStatus;
import org.interestsoffice.notifications.alerts.AlertTexts;
import org.interestsoffice.notifications.alerts.AlertTexts.Content;
import org.interestsoffice.notifications.alerts.AlertTexts.Kind;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.notifications.alerts.Alerts.NotSentOutcome;
import org.interestsoffice.notifications.alerts.Alerts.SentAlert;
import org.interestsoffice.notifications.alerts.Audience;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DueAlert;
import org.interestsoffice.notifications.alerts.SentMessage;
import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.notifications.calendar.CalendarEntry;
import org.interestsoffice.notifications.calendar.DeadlineCalendar;
import org.interestsoffice.notifications.contacts.Contact;
import org.interestsoffice.platform.tracing.Traces;
import org.interestsoffice.platform.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one channel's queued alerts, in batches, on several threads; the channel itself is a small
 * {@link ChannelAdapter} (the SMTP sender, the SMS provider). Each thread claims a batch from the
 * alerts' owner ({@code FOR UPDATE SKIP LOCKED}, so no two threads or instances ever send the same
 * alert); renders each message from the person's contact details as they are now, with the alert's
 * own acknowledgement link; hands the whole batch to the channel (one SMTP connection for a batch of
 * emails); and records every outcome through the owner in the same transaction as the claim.
 *
 * <p>The one window left: a crash after the channel accepted a message and before the commit that
 * marks it sent. Those alerts, at most one batch per thread, are sent again when their locks are
 * released, as the same message: the same text and link, the same {@code Message-ID} and the same
 * SMS {@code Idempotency-Key} ({@link org.interestsoffice.notifications.alerts.DeliveryKey}), so a
 * mail client or an SMS provider that honours them shows it once.
 */
final class ChannelDispatcher extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(ChannelDispatcher.class);
  private static final String ACK_LINK_STORED = "{ackLink}";

  private final ChannelAdapter adapter;
  private final Channel channel;
  private final Alerts alerts;
  private final TransactionTemplate transactions;
  private final AlertSettings settings;
  private final AcknowledgementLinks links;
  private final String instance;
  private final Counter sentAttempts;
  private final Counter retriedAttempts;
  private final Counter deadAttempts;
  private final Traces traces;

  ChannelDispatcher(
      ChannelAdapter adapter, Alerts alerts, TransactionTemplate transactions, AlertSettings settings, AcknowledgementLinks links, MeterRegistry meters, Instance instance,
      Traces traces) {
    super(adapter.channel().name().toLowerCase() + "-dispatcher", settings.pollInterval(), Duration.ofSeconds(30), adapter.workers());
    this.adapter = adapter;
    this.channel = adapter.channel();
    this.alerts = alerts;
    this.transactions = transactions;
    this.settings = settings;
    this.links = links;
    this.instance = instance.name();
    this.sentAttempts = outcomes(meters, "sent");
    this.retriedAttempts = outcomes(meters, "retrying");
    this.deadAttempts = outcomes(meters, "dead");
    this.traces = traces;
  }

  private Counter outcomes(MeterRegistry meters, String outcome) {
    return Counter.builder("notifications.alerts.attempts")
        .description("Attempts to deliver alerts, by channel and outcome")
        .tag("channel", channel.name())
        .tag("outcome", outcome)
        .register(meters);
  }

  Channel channel() {
    return channel;
  }

  @Override
  protected Duration gatherAfterWakeUp() {
    return settings.gather();
  }

  private record Prepared(DueAlert alert, Outgoing message, String language, String storedBody) {}

  @Override
  protected boolean workBatch() {
    Integer claimed =
        transactions.execute(
            status -> {
              List<DueAlert> due = alerts.claimDue(channel);
              List<Prepared> ready = new ArrayList<>();
              for (DueAlert alert : due) {
                try {
                  prepare(alert, ready);
                } catch (RuntimeException e) {
                  // One alert that cannot be rendered must not hold up the others: it is visibly dead.
                  notSent(alert, null, "Cannot be rendered: " + e, true);
                }
              }
              if (!ready.isEmpty()) {
                List<Outcome> outcomes = sendInTheirTraces(ready);
                List<SentAlert> sent = new ArrayList<>(ready.size());
                for (int i = 0; i < ready.size(); i++) {
                  record(ready.get(i), outcomes.get(i), sent);
                }
                alerts.sent(sent);
                if (!sent.isEmpty()) {
                  // Counted when the transaction commits: a rolled-back batch sent nothing that counts.
                  afterCommit(sentAttempts, sent.size());
                }
              }
              return due.size();
            });
    return claimed != null && claimed == settings.batchSize();
  }

  /**
   * Hands the messages to the channel in a span of the trace the alerts were queued in ("send email",
   * "send sms": the SMTP session, the provider's calls), so the trace of a rupture ends at the
   * channel. One call per trace in the batch, not per alert: a rupture's alerts share its trace, so
   * its batch goes out in one call (one check of the SMTP connection, not one per message), under
   * the first of their parents. The outcomes come back in the batch's order.
   */
  private List<Outcome> sendInTheirTraces(List<Prepared> ready) {
    Map<String, List<Integer>> byTrace = new LinkedHashMap<>();
    for (int i = 0; i < ready.size(); i++) {
      byTrace.computeIfAbsent(traceIdOf(ready.get(i).alert().traceParent()), trace -> new ArrayList<>()).add(i);
    }
    Outcome[] outcomes = new Outcome[ready.size()];
    byTrace.forEach(
        (trace, positions) -> {
          List<Outgoing> messages = positions.stream().map(i -> ready.get(i).message()).toList();
          Optional<String> parent = ready.get(positions.get(0)).alert().traceParent();
          List<Outcome> sent =
              traces.inSpan("send " + channel.name().toLowerCase(), Span.Kind.CLIENT, parent, () -> adapter.send(messages));
          for (int k = 0; k < positions.size(); k++) {
            outcomes[positions.get(k)] = sent.get(k);
          }
        });
    return Arrays.asList(outcomes);
  }

  /** The trace id of a W3C {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}); empty for none. */
  static String traceIdOf(Optional<String> traceParent) {
    return traceParent.map(parent -> parent.split("-", 3)).filter(parts -> parts.length == 3).map(parts -> parts[1]).orElse("");
  }

  private void prepare(DueAlert alert, List<Prepared> ready) {
    if (alert.audience() == Audience.STAFF && alert.contact().isEmpty()) {
      // Not an attempt: nothing was tried. It is woken as soon as the details arrive.
      alerts.waitForContact(alert);
      return;
    }
    String address = alert.audience() == Audience.STAFF ? adapter.addressOf(alert.contact().get()) : alert.recipient();
    Optional<String> problem =
        address == null || address.isBlank() ? Optional.of("No " + channel.name().toLowerCase() + " address") : adapter.unusable(address);
    if (problem.isPresent()) {
      notSent(alert, address, problem.get(), true);
      return;
    }
    String language = alert.audience() == Audience.STAFF ? alert.contact().get().language() : alert.language();
    String recipientName = alert.audience() == Audience.STAFF ? alert.contact().get().fullName() : alert.recipient();
    Content content = contentOf(alert);
    // The alert's own link, made when it was queued: the same in every copy of the message.
    String link =
        alert.audience() == Audience.STAFF
            ? links.linkFor(alert.ackToken().orElseThrow(() -> new IllegalStateException("The alert has no acknowledgement link")))
            : null;
    AlertTexts.Rendered rendered = AlertTexts.render(content, channel, language, recipientName, link);
    String stored = link == null ? rendered.text() : rendered.text().replace(link, ACK_LINK_STORED);
    // The departure email puts the deadline into the person's calendar (an SMS cannot).
    CalendarEntry calendar = DeadlineCalendar.forAlert(alert).orElse(null);
    ready.add(
        new Prepared(alert, new Outgoing(alert.alert().deliveryKey(), address, rendered.subject(), rendered.text(), calendar), language, stored));
  }

  private static Content contentOf(DueAlert alert) {
    Kind kind;
    if (Slot.ORDER.equals(alert.slot())) {
      kind = Kind.ORDER;
    } else if (Slot.DEADLINE_CHANGED.equals(alert.slot())) {
      kind = "SUSPENDED".equals(alert.deadlineStatus()) ? Kind.SUSPENDED : Kind.CHANGED;
    } else if (Slot.ORDER_ENDED.equals(alert.slot())) {
      kind = Kind.ENDED;
    } else if (alert.slot() instanceof Slot.Reminder) {
      kind = Kind.REMINDER;
    } else {
      kind = Kind.ESCALATION;
    }
    Content content = new Content(
        kind,
        alert.change(),
        alert.missionName(),
        ZoneId.of(alert.missionTimeZone()),
        alert.dueAt(),
        alert.reminderOffset().orElse(null),
        alert.contact().map(Contact::fullName).orElse("A staff member (" + alert.staffId() + ")"),
        alert.officeCode(),
        // Why the person must leave (a rupture, a reduction, persona non grata, a cessation).
        alert.deadlineKind());
    return alert.exercise() ? content.ofExercise() : content;
  }

  /** A sent message joins {@code sent}, recorded with the others of the batch; a failure is recorded now. */
  private void record(Prepared prepared, Outcome outcome, List<SentAlert> sent) {
    if (outcome instanceof Outcome.Sent taken) {
      sent.add(
          new SentAlert(
              prepared.alert(),
              new SentMessage(
                  prepared.message().to(), prepared.language(), prepared.message().subject(), prepared.storedBody(), taken.providerMessageId(), instance)));
    } else {
      Outcome.Failed failed = (Outcome.Failed) outcome;
      notSent(prepared.alert(), prepared.message().to(), failed.error(), failed.permanent());
    }
  }

  private void notSent(DueAlert alert, String address, String error, boolean permanent) {
    NotSentOutcome outcome = alerts.notSent(alert, address, error, permanent);
    boolean gaveUp = outcome.alert().status() == AlertStatus.DEAD;
    // The address is personal data, and a server's refusal often quotes it: the log names the
    // alert only; the error itself is in the alert's delivery log, for those who may read it.
    log.atWarn()
        .addKeyValue("alertId", alert.id())
        .addKeyValue("channel", channel)
        .addKeyValue("attempt", outcome.alert().attempts())
        .log("{} alert not sent ({} failure); {}", channel, permanent ? "permanent" : "transient", gaveUp ? "giving up" : "retrying in " + outcome.retryIn());
    afterCommit(gaveUp ? deadAttempts : retriedAttempts, 1);
  }

  private static void afterCommit(Counter counter, int attempts) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            counter.increment(attempts);
          }
        });
  }
}
