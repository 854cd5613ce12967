package org.interestsoffice.notifications.replies;

import java.time.Clock;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.interestsoffice.notifications.alerts.ReplyOutcome;
import org.interestsoffice.notifications.delivery.InboundSms;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the HTTP SMS provider posts the messages people send to the service's number
 * ({@code platform.security.public-paths}): like its delivery reports, no user token, the
 * provider's shared key in {@code X-Api-Key} instead (checked by {@code DeliveryReportKey}). Every
 * message it accepts is answered 200, also one from an unknown number, so the provider stops
 * delivering it.
 */
@RestController
class InboundSmsController {

  private final InboundSms inbound;
  private final Clock clock;

  InboundSmsController(InboundSms inbound, Clock clock) {
    this.inbound = inbound;
    this.clock = clock;
  }

  /**
   * @param id the provider's id of the message: the same when it delivers the message again
   * @param from the sender's number, E.164 (or digits with the country code)
   * @param to the number it was sent to (ours), if the provider says
   * @param text what the person wrote
   * @param receivedAt when the provider received it; default now
   */
  record InboundSmsRequest(
      @NotBlank @Size(max = 200) String id,
      @NotBlank @Size(max = 32) String from,
      @Size(max = 32) String to,
      @NotNull @Size(max = SmsReplies.MAX_TEXT) String text,
      Instant receivedAt) {}

  record InboundSmsResponse(ReplyOutcome outcome) {}

  @PostMapping("/sms/inbound")
  InboundSmsResponse receive(@Valid @RequestBody InboundSmsRequest request) {
    Instant receivedAt = request.receivedAt() == null ? clock.instant() : request.receivedAt();
    return new InboundSmsResponse(inbound.receive(new InboundSms.Message(request.id(), request.from(), request.text(), receivedAt)));
  }
}
