package org.interestsoffice.notifications.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.interestsoffice.notifications.alerts.ReplyOutcome;
import org.interestsoffice.platform.web.ProblemException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * An SMSC reached over SMPP 3.4 (many governments' SMS gateways speak nothing else), with jsmpp:
 *
 * <ul>
 *   <li>one session bound as a transceiver ({@code bind_transceiver}): it submits, and receives the
 *       delivery receipts and the people's replies;
 *   <li>{@code submit_sm} with {@code registered_delivery} (success and failure receipts) for an
 *       alert, none for a help text; ASCII text in the SMSC's default alphabet, anything else in
 *       UCS-2; a text longer than one SMS in {@code message_payload}, which the SMSC splits;
 *   <li>throttled to the SMSC's window (at most {@code window} requests awaiting their response) and
 *       rate ({@code rate-per-second}); an SMSC answering {@code ESME_RTHROTTLED} or
 *       {@code ESME_RMSGQFUL} is a transient failure, retried by the dispatcher with back-off;
 *   <li>a delivery receipt ({@code deliver_sm} with the SMSC receipt type) goes through the same
 *       {@link DeliveryReports} as the HTTP provider's reports: {@code DELIVRD} is DELIVERED,
 *       {@code UNDELIV}, {@code EXPIRED}, {@code REJECTD} and {@code DELETED} are FAILED; a receipt
 *       for a message not known yet (its sending not committed) is refused with a temporary error,
 *       so the SMSC delivers it again later;
 *   <li>any other {@code deliver_sm} is a person's message, handed to {@link InboundSms} (a reply to
 *       an alert). SMPP 3.4 gives it no id: it is named by its {@code user_message_reference} if it
 *       has one, else by its sender, text and minute, so an SMSC delivering it again (after a lost
 *       {@code deliver_sm_resp}) does not make it count twice;
 *   <li>{@code enquire_link} every {@code enquire-link-interval}; when the session is lost (the SMSC
 *       closed it, the network broke, enquire_link went unanswered) it binds again in the
 *       background, waiting {@code reconnect-delay}, doubled up to {@code max-reconnect-delay},
 *       between attempts; a message sent while it is unbound tries to bind once, and fails
 *       transiently if it cannot (the dispatcher retries).
 * </ul>
 *
 * SMPP has no idempotency key: a {@code submit_sm} whose response timed out may have been taken,
 * and its retry may reach the person twice.
 */
@Component
@ConditionalOnProperty(name = "notifications.sms.provider", havingValue = "smpp")
class SmppSmsProvider implements SmsProvider, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SmppSmsProvider.class);

  /** Refusals that no retry can change: the number or the message itself is wrong. */
  private static final Set<Integer> PERMANENT =
      Set.of(SMPPConstant.STAT_ESME_RINVMSGLEN, SMPPConstant.STAT_ESME_RINVDSTADR, SMPPConstant.STAT_ESME_RINVDSTTON, SMPPConstant.STAT_ESME_RINVDSTNPI);

  /** One SMS: 140 octets. A longer text goes in message_payload. */
  private static final int ONE_SMS = 140;

  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");

  private final SmsSettings.Smpp settings;
  private final DeliveryReports reports;
  private final ObjectProvider<InboundSms> inbound;
  private final Clock clock;
  private final Semaphore window;
  private final RateLimiter rate;
  private final ScheduledExecutorService reconnector =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "smpp-reconnect");
            thread.setDaemon(true);
            return thread;
          });

  private volatile SMPPSession session;
  private volatile boolean running;
  private volatile Duration nextDelay;
  /** One attempt to bind again is scheduled at a time, however many sends found the session lost. */
  private final AtomicBoolean rebindScheduled = new AtomicBoolean();

  SmppSmsProvider(SmsSettings sms, DeliveryReports reports, ObjectProvider<InboundSms> inbound, Clock clock) {
    this.settings = sms.smpp();
    if (settings.systemId().isBlank()) {
      throw new IllegalStateException(
          "notifications.sms.provider=smpp needs notifications.sms.smpp.system-id (NOTIFICATIONS_SMS_SMPP_SYSTEM_ID): the SMSC account");
    }
    // SMPP 3.4's C-octet strings, terminator included: system_id 16, password 9, system_type 13.
    if (settings.systemId().length() > 15 || settings.password().length() > 8 || settings.systemType().length() > 12) {
      throw new IllegalStateException(
          "SMPP 3.4 allows at most 15 characters in notifications.sms.smpp.system-id, 8 in .password and 12 in .system-type");
    }
    this.reports = reports;
    this.inbound = inbound;
    this.clock = clock;
    this.window = new Semaphore(Math.max(1, settings.window()), true);
    this.rate = new RateLimiter(settings.ratePerSecond());
    this.nextDelay = settings.reconnectDelay();
  }

  // Life: bound in the background at start (an SMSC down at start must not stop the service), unbound at stop.

  @Override
  public void start() {
    running = true;
    reconnector.execute(this::bindOrRetryLater);
  }

  @Override
  public void stop() {
    running = false;
    reconnector.shutdownNow();
    SMPPSession current = session;
    if (current != null) {
      current.unbindAndClose();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the dispatchers and stops after them: they send through it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2000;
  }

  /** Whether a session is bound now (for tests and health). */
  boolean bound() {
    SMPPSession current = session;
    return current != null && current.getSessionState().isBound();
  }

  private void bindOrRetryLater() {
    rebindScheduled.set(false);
    if (!running || bound()) {
      return;
    }
    try {
      bind();
      nextDelay = settings.reconnectDelay();
    } catch (IOException e) {
      Duration wait = nextDelay;
      nextDelay = min(nextDelay.multipliedBy(2), settings.maxReconnectDelay());
      log.atWarn().log("SMPP bind to {}:{} failed ({}); trying again in {}", settings.host(), settings.port(), e.getMessage(), wait);
      schedule(wait);
    }
  }

  private void schedule(Duration wait) {
    if (running && !reconnector.isShutdown() && rebindScheduled.compareAndSet(false, true)) {
      try {
        reconnector.schedule(this::bindOrRetryLater, wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        // Shutting down: nothing to bind for.
      }
    }
  }

  private synchronized SMPPSession bind() throws IOException {
    SMPPSession current = session;
    if (current != null && current.getSessionState().isBound()) {
      return current;
    }
    if (current != null) {
      current.close();
    }
    SMPPSession fresh = new SMPPSession();
    fresh.setEnquireLinkTimer((int) settings.enquireLinkInterval().toMillis());
    fresh.setTransactionTimer(settings.responseTimeout().toMillis());
    // Receipts and replies are handled while submits wait for their responses.
    fresh.setPduProcessorDegree(Math.max(3, settings.window()));
    fresh.setMessageReceiverListener(new Receiver());
    fresh.addSessionStateListener(this::stateChanged);
    fresh.connectAndBind(
        settings.host(),
        settings.port(),
        new BindParameter(BindType.BIND_TRX, settings.systemId(), settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
        settings.responseTimeout().toMillis());
    session = fresh;
    log.atInfo().log("SMPP session bound to {}:{} as a transceiver", settings.host(), settings.port());
    return fresh;
  }

  private void stateChanged(SessionState now, SessionState before, Session source) {
    if (now == SessionState.CLOSED && running && source == session) {
      log.atWarn().log("SMPP session to {}:{} lost; binding again", settings.host(), settings.port());
      schedule(settings.reconnectDelay());
    }
  }

  // Sending.

  @Override
  public Outcome send(Outgoing message) {
    SMPPSession current;
    try {
      current = bind();
    } catch (IOException e) {
      schedule(nextDelay);
      return Outcome.Failed.transientFailure("SMSC not bound: " + e.getMessage());
    }
    byte[] text;
    DataCoding coding;
    if (StandardCharsets.US_ASCII.newEncoder().canEncode(message.text())) {
      text = message.text().getBytes(StandardCharsets.US_ASCII);
      coding = new GeneralDataCoding(Alphabet.ALPHA_DEFAULT);
    } else {
      text = message.text().getBytes(StandardCharsets.UTF_16BE);
      coding = new GeneralDataCoding(Alphabet.ALPHA_UCS2);
    }
    boolean payload = text.length > ONE_SMS;
    try {
      if (!window.tryAcquire(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        return Outcome.Failed.transientFailure("SMSC window full: " + settings.window() + " requests awaiting their response");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.Failed.transientFailure("Interrupted while waiting for the SMSC window");
    }
    try {
      rate.acquire();
      String id =
          current
              .submitShortMessage(
                  "",
                  sourceTon(),
                  sourceNpi(),
                  sourceAddress(),
                  TypeOfNumber.INTERNATIONAL,
                  NumberingPlanIndicator.ISDN,
                  message.to().startsWith("+") ? message.to().substring(1) : message.to(),
                  new ESMClass(),
                  (byte) 0,
                  (byte) 1,
                  null,
                  null,
                  new RegisteredDelivery(message.reported() ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
                  (byte) 0,
                  coding,
                  (byte) 0,
                  payload ? new byte[0] : text,
                  payload ? new OptionalParameter[] {new OptionalParameter.Message_payload(text)} : new OptionalParameter[0])
              .getMessageId();
      return new Outcome.Sent(id);
    } catch (NegativeResponseException e) {
      String error = "SMSC refused submit_sm: command status 0x" + Integer.toHexString(e.getCommandStatus());
      return new Outcome.Failed(error, PERMANENT.contains(e.getCommandStatus()));
    } catch (PDUException e) {
      return Outcome.Failed.permanentFailure("Not a valid SMPP message: " + e.getMessage());
    } catch (ResponseTimeoutException | InvalidResponseException | IOException e) {
      return Outcome.Failed.transientFailure("SMSC did not take it: " + e.getClass().getSimpleName() + " " + e.getMessage());
    } finally {
      window.release();
    }
  }

  private String sourceAddress() {
    String source = settings.sourceAddress();
    return source.startsWith("+") ? source.substring(1) : source;
  }

  private TypeOfNumber sourceTon() {
    String source = settings.sourceAddress();
    if (source.isBlank()) {
      return TypeOfNumber.UNKNOWN;
    }
    return NUMBER.matcher(source).matches() ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC;
  }

  private NumberingPlanIndicator sourceNpi() {
    return sourceTon() == TypeOfNumber.INTERNATIONAL ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  // Receiving: receipts and people's messages.

  private final class Receiver implements MessageReceiverListener {

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      try {
        if (deliverSm.isSmscDeliveryReceipt()) {
          receipt(deliverSm);
        } else {
          personsMessage(deliverSm);
        }
      } catch (ProcessRequestException e) {
        throw e;
      } catch (RuntimeException e) {
        // Not recorded (the database is away, say): the SMSC delivers it again later.
        log.atWarn().setCause(e).log("A deliver_sm could not be handled; the SMSC will deliver it again");
        throw new ProcessRequestException("Not handled: " + e.getClass().getSimpleName(), SMPPConstant.STAT_ESME_RX_T_APPN);
      }
    }

    private void receipt(DeliverSm deliverSm) throws ProcessRequestException {
      DeliveryReceipt receipt;
      try {
        receipt = deliverSm.getShortMessageAsDeliveryReceipt();
      } catch (InvalidDeliveryReceiptException e) {
        log.atWarn().log("A delivery receipt that cannot be read was ignored: {}", e.getMessage());
        return;
      }
      OptionalParameter receipted = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
      String id = receipted instanceof OptionalParameter.COctetString text ? text.getValueAsString() : receipt.getId();
      DeliveryReceiptState state = receipt.getFinalStatus();
      String status;
      if (state == DeliveryReceiptState.DELIVRD) {
        status = "DELIVERED";
      } else if (state == DeliveryReceiptState.UNDELIV
          || state == DeliveryReceiptState.EXPIRED
          || state == DeliveryReceiptState.REJECTD
          || state == DeliveryReceiptState.DELETED) {
        status = "FAILED";
      } else {
        // ENROUTE, ACCEPTD, UNKNOWN: not final; the final receipt follows.
        return;
      }
      try {
        reports.receive(new DeliveryReports.Report(id, null, status, state + (receipt.getError() == null ? "" : " err:" + receipt.getError())));
      } catch (ProblemException e) {
        if (e.status() != 404) {
          throw e;
        }
        // Its sending may not be committed yet: asked again later.
        throw new ProcessRequestException("No message " + id + " known yet", SMPPConstant.STAT_ESME_RX_T_APPN);
      }
    }

    private void personsMessage(DeliverSm deliverSm) {
      String text = decode(deliverSm);
      String from = deliverSm.getSourceAddr();
      if (deliverSm.getSourceAddrTon() == TypeOfNumber.INTERNATIONAL.value() && !from.startsWith("+")) {
        from = "+" + from;
      }
      ReplyOutcome outcome = inbound.getObject().receive(new InboundSms.Message(messageId(deliverSm, from, text), from, text, clock.instant()));
      log.atInfo().log("SMPP deliver_sm from a person: {}", outcome);
    }

    private String decode(DeliverSm deliverSm) {
      byte[] bytes = deliverSm.getShortMessage();
      OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
      if ((bytes == null || bytes.length == 0) && payload instanceof OptionalParameter.OctetString octets) {
        bytes = octets.getValue();
      }
      if (bytes == null) {
        return "";
      }
      byte coding = deliverSm.getDataCoding();
      if ((coding & 0x0f) == Alphabet.ALPHA_UCS2.value() && (coding & 0xf0) == 0) {
        return new String(bytes, StandardCharsets.UTF_16BE);
      }
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private String messageId(DeliverSm deliverSm, String from, String text) {
      OptionalParameter reference = deliverSm.getOptionalParameter(OptionalParameter.Tag.USER_MESSAGE_REFERENCE);
      if (reference instanceof OptionalParameter.Short number) {
        return "smpp:" + from + ":ref:" + number.getValue();
      }
      String minute = clock.instant().truncatedTo(ChronoUnit.MINUTES).toString();
      return "smpp:" + sha256(from + "\n" + text + "\n" + minute);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
      // A handset available again: nothing to do, the dispatcher retries on its own.
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
