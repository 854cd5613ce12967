package org.interestsoffice.notifications.acknowledgement;

import org.interestsoffice.notifications.alerts.AckToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address of an alert's acknowledgement link. The token is the alert's own, made when it was
 * queued (see {@link org.interestsoffice.notifications.alerts.AlertQueue}), so every copy of the
 * message (a retry after a timeout, a re-send after a crash) carries the same working link.
 */
@Component
public class AcknowledgementLinks {

  private final String publicBaseUrl;

  AcknowledgementLinks(@Value("${notifications.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  public String linkFor(AckToken token) {
    return publicBaseUrl + "/ack/" + token.value();
  }
}
