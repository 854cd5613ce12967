package org.interestsoffice.missions.protection;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.interestsoffice.platform.validation.CountryCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProtectingPowerController {

  private final DesignatingProtectingPower designating;

  ProtectingPowerController(DesignatingProtectingPower designating) {
    this.designating = designating;
  }

  record DesignationRequest(@NotNull @CountryCode String protectingState, @NotNull ProtectionScope scope, @NotNull Instant hostConsentAt) {}

  @PostMapping("/api/missions/{id}/protecting-power")
  @ResponseStatus(HttpStatus.CREATED)
  DesignatingProtectingPower.Mandate designate(@PathVariable UUID id, @Valid @RequestBody DesignationRequest request) {
    return designating.designate(
        id, new DesignatingProtectingPower.Designation(request.protectingState(), request.scope(), request.hostConsentAt()));
  }
}
