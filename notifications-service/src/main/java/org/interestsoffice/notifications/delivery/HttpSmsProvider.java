package org.interestsoffice.notifications.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider reached over HTTP, with the request documented in docs/alerts.md ("SMS provider
 * protocol"):
 *
 * <pre>
 * POST {notifications.sms.http.url}
 * Content-Type: application/json
 * X-Api-Key: {notifications.sms.http.api-key}
 * Idempotency-Key: {delivery key: the alert id, then "{alert id}-r{n}" after the n-th re-drive}
 *
 * {"to": "+582125550100", "text": "...", "reference": "{alert id}", "callbackUrl": "{public base}/sms/delivery-reports"}
 * </pre>
 *
 * A help text answering a reply ({@link Outgoing#reported()} false) goes without {@code reference}
 * and {@code callbackUrl}, under the Idempotency-Key {@code "{alert id}-help"}: no delivery report is
 * asked for it. Replies come in at {@code /sms/inbound} (docs/alerts.md, "Replies").
 *
 * <p>A 2xx answer is sent, with the provider's id from {@code {"id": "..."}}. 400, 404, 410 and 422
 * mean the message can never go (an invalid number): permanent. Anything else, a timeout or no
 * answer is retried, under the same Idempotency-Key: a provider that honours it (as docs/alerts.md's
 * protocol asks) sends a message it already took once, however often it is asked.
 */
@Component
@ConditionalOnProperty(name = "notifications.sms.provider", havingValue = "http")
class HttpSmsProvider implements SmsProvider {

  private static final Set<Integer> PERMANENT = Set.of(400, 404, 410, 422);

  private final HttpClient http;
  private final SmsSettings.Http settings;
  private final URI url;
  private final String callbackUrl;
  private final JsonMapper json;

  HttpSmsProvider(SmsSettings sms, JsonMapper json, @Value("${notifications.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.settings = sms.http();
    if (settings.url() == null || settings.url().toString().isBlank()) {
      throw new IllegalStateException(
          "notifications.sms.provider=http needs notifications.sms.http.url (NOTIFICATIONS_SMS_HTTP_URL): where to POST messages");
    }
    this.url = settings.url();
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    this.callbackUrl = publicBaseUrl.replaceAll("/+$", "") + "/sms/delivery-reports";
    this.json = json;
  }

  @Override
  public Outcome send(Outgoing message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", message.to());
    body.put("text", message.text());
    if (message.reported()) {
      body.put("reference", message.alertId().toString());
      body.put("callbackUrl", callbackUrl);
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.readTimeout())
            .header("Content-Type", "application/json")
            .header("X-Api-Key", settings.apiKey())
            .header("Idempotency-Key", message.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Outcome.Sent(providerIdIn(response.body(), message));
      }
      String error = "SMS provider answered HTTP " + status + excerpt(response.body());
      return new Outcome.Failed(error, PERMANENT.contains(status));
    } catch (IOException e) {
      return Outcome.Failed.transientFailure("SMS provider not reached: " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.Failed.transientFailure("Interrupted while sending");
    }
  }

  private String providerIdIn(String body, Outgoing message) {
    try {
      JsonNode answer = json.readTree(body);
      if (answer.path("id").isString()) {
        return answer.path("id").asString();
      }
    } catch (RuntimeException e) {
      // An answer that is not JSON still means accepted; the reference identifies the message.
    }
    return message.alertId().toString();
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
  }
}
