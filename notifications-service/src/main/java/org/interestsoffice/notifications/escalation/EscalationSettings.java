package org.interestsoffice.notifications.escalation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and to whom unacknowledged alerts are escalated.
 *
 * @param after how long a departure alert may go unacknowledged before the office heads are told
 *     ({@code NOTIFICATIONS_ESCALATION_AFTER})
 * @param directory where office heads are found: {@code keycloak} (users with the office-head role
 *     in the office's group, read with the service's own client credentials) or {@code configured}
 * @param officeHeads for {@code configured}: per office code, the heads' email addresses, each
 *     optionally followed by {@code :es} or {@code :en}
 * @param keycloakUrl where this service reaches Keycloak (scheme, host, port), when that is not the
 *     address in the token issuer (a compose network, a cluster); the issuer's when not set
 * @param keycloakClientId notifications' own client in the realm (client credentials)
 * @param keycloakClientSecret its secret
 * @param cacheFor how long a directory answer is reused
 * @param retryAfter when the directory cannot be reached, how long before trying the escalation again
 */
@ConfigurationProperties("notifications.escalation")
public record EscalationSettings(
    @DefaultValue("12h") Duration after,
    @DefaultValue("keycloak") String directory,
    @DefaultValue Map<String, List<String>> officeHeads,
    URI keycloakUrl,
    @DefaultValue("notifications-service") String keycloakClientId,
    @DefaultValue("") String keycloakClientSecret,
    @DefaultValue("5m") Duration cacheFor,
    @DefaultValue("1m") Duration retryAfter,
    @DefaultValue("1s") Duration pollInterval) {}
