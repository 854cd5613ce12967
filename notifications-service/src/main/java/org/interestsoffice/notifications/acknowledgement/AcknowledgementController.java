package org.interestsoffice.notifications.acknowledgement;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public acknowledgement link ({@code platform.security.public-paths}): the token in the path
 * is the credential, so there is no session and nothing to forge. Always answers a page, never a
 * stack trace or a problem document: whoever opens it is a person on a phone, not a program.
 */
@RestController
class AcknowledgementController {

  private static final MediaType HTML_UTF8 = MediaType.parseMediaType("text/html;charset=UTF-8");

  private final AcknowledgingAlerts acknowledging;

  AcknowledgementController(AcknowledgingAlerts acknowledging) {
    this.acknowledging = acknowledging;
  }

  @GetMapping("/ack/{token}")
  ResponseEntity<String> show(@PathVariable String token) {
    return page(acknowledging.look(token), token);
  }

  @PostMapping("/ack/{token}")
  ResponseEntity<String> confirm(@PathVariable String token) {
    return page(acknowledging.acknowledge(token), token);
  }

  private static ResponseEntity<String> page(AcknowledgingAlerts.Link link, String token) {
    boolean found = link.state() == AcknowledgingAlerts.LinkState.OPEN || link.state() == AcknowledgingAlerts.LinkState.ACKNOWLEDGED;
    // A relative action: the page works behind the gateway or any proxy in front of it.
    return ResponseEntity.status(found ? 200 : 404)
        .contentType(HTML_UTF8)
        .cacheControl(CacheControl.noStore())
        .header("Referrer-Policy", "no-referrer")
        .body(AcknowledgementPage.render(link, token));
  }
}
