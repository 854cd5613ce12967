package org.interestsoffice.notifications.delivery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How SMS alerts go out.
 *
 * @param provider which {@link SmsProvider}: {@code capture} (development: a file) or {@code http}
 * @param workers dispatcher threads
 * @param ratePerSecond at most this many SMS a second from this instance (0: no limit); the
 *     provider's own limit divided by the number of instances
 * @param captureFile where the capture provider appends each SMS, one JSON object per line
 *     (default: {@code interests-office-sms.jsonl} in the temporary directory)
 * @param http the HTTP provider
 * @param deliveryReportKey the shared secret a provider sends in {@code X-Api-Key} with its
 *     delivery reports ({@code POST /sms/delivery-reports}); reports are refused while it is empty
 */
@ConfigurationProperties("notifications.sms")
public record SmsSettings(
    @DefaultValue("capture") String provider,
    @DefaultValue("2") int workers,
    @DefaultValue("30") double ratePerSecond,
    Path captureFile,
    @DefaultValue Http http,
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

  public Path captureFileOrDefault() {
    return captureFile != null && !captureFile.toString().isBlank()
        ? captureFile
        : Path.of(System.getProperty("java.io.tmpdir"), "interests-office-sms.jsonl");
  }
}
