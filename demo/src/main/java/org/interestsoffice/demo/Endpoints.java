package org.interestsoffice.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running system answers. {@code bin/run-local} writes these into {@code .run/endpoints.env}
 * and {@code bin/demo} passes them on; the defaults are the local run's standard ports.
 *
 * @param gateway the public API
 * @param keycloak the identity provider, for the demo users' tokens
 * @param mailApi the SMTP capture's REST API (GreenMail)
 * @param smsCapture the file notifications appends each captured SMS to, one JSON object a line
 * @param broker the AMQP URI of RabbitMQ, for the scale-out proof
 * @param messagingNamespace the prefix of the run's exchange and queue names (empty for none)
 */
record Endpoints(URI gateway, URI keycloak, URI mailApi, Path smsCapture, URI broker, String messagingNamespace) {

  static Endpoints from(Map<String, String> environment) {
    return new Endpoints(
        URI.create(environment.getOrDefault("IOP_GATEWAY_URL", "http://localhost:8080")),
        URI.create(environment.getOrDefault("IOP_KEYCLOAK_URL", "http://localhost:8180")),
        URI.create(environment.getOrDefault("IOP_MAIL_API_URL", "http://localhost:8025")),
        Path.of(environment.getOrDefault("IOP_SMS_CAPTURE_FILE", ".run/sms/captured.jsonl")),
        URI.create(environment.getOrDefault("IOP_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672")),
        environment.getOrDefault("PLATFORM_MESSAGING_NAMESPACE", ""));
  }

  URI tokenEndpoint() {
    return keycloak.resolve("/realms/interests-office/protocol/openid-connect/token");
  }
}
