package org.interestsoffice.notifications.escalation;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Office heads from configuration, for installations without a directory to ask:
 * {@code notifications.escalation.office-heads.CCS=head@example.org:en,deputy@example.org:es}.
 */
@Component
@ConditionalOnProperty(name = "notifications.escalation.directory", havingValue = "configured")
class ConfiguredOfficeHeads implements OfficeHeads {

  private final EscalationSettings settings;

  ConfiguredOfficeHeads(EscalationSettings settings) {
    this.settings = settings;
  }

  @Override
  public List<OfficeHead> of(String officeCode) {
    return settings.officeHeads().getOrDefault(officeCode, List.of()).stream().map(ConfiguredOfficeHeads::parse).toList();
  }

  private static OfficeHead parse(String entry) {
    String trimmed = entry.strip();
    int colon = trimmed.lastIndexOf(':');
    String language = colon > 0 ? trimmed.substring(colon + 1) : "en";
    String email = colon > 0 && (language.equals("es") || language.equals("en")) ? trimmed.substring(0, colon) : trimmed;
    return new OfficeHead(email, email, language.equals("es") ? "es" : "en");
  }
}
