package org.interestsoffice.gateway;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize larger request bodies are refused with 413 (applied by the RequestSize filter)
 * @param corsAllowedOrigins web frontends that may call the API from a browser (exact origins)
 * @param rateLimit requests each user may make
 */
@ConfigurationProperties("gateway")
record GatewaySettings(
    @DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue List<String> corsAllowedOrigins, @DefaultValue RateLimit rateLimit) {

  /**
   * A token bucket per user (per client address for the public acknowledgement link), in this
   * instance: with several instances behind a load balancer each keeps its own count.
   *
   * @param requestsPerSecond sustained rate
   * @param burst requests allowed at once
   */
  record RateLimit(@DefaultValue("20") double requestsPerSecond, @DefaultValue("40") int burst) {}
}
