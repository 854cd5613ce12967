package org.interestsoffice.notifications.delivery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How SMS alerts go out.
 *
 * @param provider which {@link SmsProvider}: {@code capture} (development: a file), {@code http} or
 *     {@code smpp}
 * @param workers dispatcher threads
 * @param ratePerSecond at most this many SMS a second from this instance (0: no limit); the
 *     provider's own limit divided by the number of instances
 * @param captureFile where the capture provider appends each SMS, one JSON object per line
 *     (default: {@code interests-office-sms.jsonl} in the temporary directory)
 * @param http the HTTP provider
 * @param smpp the SMPP provider
 * @param deliveryReportKey the shared secret a provider sends in {@code X-Api-Key} with its
 *     delivery reports ({@code POST /sms/delivery-reports}) and inbound messages ({@code POST
 *     /sms/inbound}); both are refused while it is empty
 */
@ConfigurationProperties("notifications.sms")
public record SmsSettings(
    @DefaultValue("capture") String provider,
    @DefaultValue("2") int workers,
    @DefaultValue("30") double ratePerSecond,
    Path captureFile,
    @DefaultValue Http http,
    @DefaultValue Smpp smpp,
    @DefaultValue("") String deliveryReportKey) {

  /**
   * @param url where messages are POSTed
   * @param apiKey sent as {@code X-Api-Key}
   */
  public record Http(
      URI url,
      @DefaultValue("") String apiKey,
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("10s") Duration readTimeout) {}

  /**
   * An SMSC reached over SMPP 3.4, bound as a transceiver (submits, and receives receipts and replies).
   *
   * @param host the SMSC
   * @param port its SMPP port (2775 by convention)
   * @param systemId the account's system_id
   * @param password the account's password
   * @param systemType the system_type the SMSC expects, often empty
   * @param sourceAddress the sender shown to people: a number (E.164, international) or a name
   *     (alphanumeric); empty: the SMSC's default for the account
   * @param window at most this many submit_sm awaiting their response at once (the SMSC's window)
   * @param ratePerSecond at most this many submit_sm a second on the session (0: no limit)
   * @param enquireLinkInterval how often enquire_link keeps the session alive and proves it is
   * @param responseTimeout how long a request waits for its response
   * @param reconnectDelay the first wait before binding again after the session is lost; doubled
   *     at every failed attempt, up to {@code maxReconnectDelay}
   */
  public record Smpp(
      @DefaultValue("localhost") String host,
      @DefaultValue("2775") int port,
      @DefaultValue("") String systemId,
      @DefaultValue("") String password,
      @DefaultValue("") String systemType,
      @DefaultValue("") String sourceAddress,
      @DefaultValue("10") int window,
      @DefaultValue("0") double ratePerSecond,
      @DefaultValue("30s") Duration enquireLinkInterval,
      @DefaultValue("10s") Duration responseTimeout,
      @DefaultValue("1s") Duration reconnectDelay,
      @DefaultValue("30s") Duration maxReconnectDelay) {}

  public Path captureFileOrDefault() {
    return captureFile != null && !captureFile.toString().isBlank()
        ? captureFile
        : Path.of(System.getProperty("java.io.tmpdir"), "interests-office-sms.jsonl");
  }
}
