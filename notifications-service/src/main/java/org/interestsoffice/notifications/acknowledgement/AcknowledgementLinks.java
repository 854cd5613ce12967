package org.interestsoffice.notifications.acknowledgement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issues the acknowledgement link of an alert, in the transaction that sends it. A new token is
 * issued for each attempt, replacing the last: the raw token exists only in the message that goes
 * out, and a message that was never delivered leaves no working link behind.
 */
@Component
public class AcknowledgementLinks {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String publicBaseUrl;
  private final Duration validity;

  AcknowledgementLinks(
      JdbcClient jdbc,
      Clock clock,
      @Value("${notifications.public-base-url:http://localhost:8080}") String publicBaseUrl,
      @Value("${notifications.acknowledgement.validity:30d}") Duration validity) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    this.validity = validity;
  }

  /** A fresh link for the alert; the previous one, if any, stops working. */
  public String issue(UUID alertId) {
    AckToken token = AckToken.random();
    jdbc.sql("update alert set ack_token_hash = :hash, ack_expires_at = :expiresAt where id = :id")
        .param("hash", token.hash())
        .param("expiresAt", Timestamp.from(clock.instant().plus(validity)))
        .param("id", alertId)
        .update();
    return publicBaseUrl + "/ack/" + token.value();
  }
}
