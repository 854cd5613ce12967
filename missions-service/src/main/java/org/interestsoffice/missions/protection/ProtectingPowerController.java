package org.interestsoffice.missions.protection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.interestsoffice.platform.validation.CountryCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProtectingPowerController {

  private final ManagingProtectingPower managing;

  ProtectingPowerController(ManagingProtectingPower managing) {
    this.managing = managing;
  }

  /**
   * @param hostConsentAt absent while the host's consent is awaited (the mandate is then {@code PENDING_CONSENT})
   * @param custodyOfPremises whether the protecting power takes custody of the premises (default true)
   * @param custodyOfArchives whether it takes custody of the archives (default true)
   */
  record DesignationRequest(
      @NotNull @CountryCode String protectingState,
      @NotNull ProtectionScope scope,
      Instant hostConsentAt,
      Boolean custodyOfPremises,
      Boolean custodyOfArchives) {

    ManagingProtectingPower.Designation designation() {
      return new ManagingProtectingPower.Designation(
          protectingState, scope, Optional.ofNullable(hostConsentAt), !Boolean.FALSE.equals(custodyOfPremises),
          !Boolean.FALSE.equals(custodyOfArchives));
    }
  }

  record ConsentRequest(@NotNull Instant hostConsentAt) {}

  /** @param successor the mandate replacing this one, if any */
  record TerminationRequest(@NotBlank @Size(max = 100) String noteReference, Instant effectiveAt, @Valid DesignationRequest successor) {}

  /** @param mandate the current or latest mandate; absent before any designation */
  record MandatesResponse(Mandate mandate, List<Mandate> history) {}

  record TerminationResponse(Mandate terminated, Mandate successor) {}

  @PostMapping("/api/missions/{id}/protecting-power")
  @ResponseStatus(HttpStatus.CREATED)
  Mandate designate(@PathVariable UUID id, @Valid @RequestBody DesignationRequest request) {
    return managing.designate(id, request.designation());
  }

  @GetMapping("/api/missions/{id}/protecting-power")
  MandatesResponse current(@PathVariable UUID id) {
    ManagingProtectingPower.Mandates mandates = managing.of(id);
    return new MandatesResponse(mandates.mandate().orElse(null), mandates.history());
  }

  @PostMapping("/api/missions/{id}/protecting-power/consent")
  Mandate consent(@PathVariable UUID id, @Valid @RequestBody ConsentRequest request) {
    return managing.consent(id, request.hostConsentAt());
  }

  @PostMapping("/api/missions/{id}/protecting-power/termination")
  TerminationResponse terminate(@PathVariable UUID id, @Valid @RequestBody TerminationRequest request) {
    ManagingProtectingPower.Terminated terminated =
        managing.terminate(
            id,
            new ManagingProtectingPower.Termination(
                request.noteReference().strip(), Optional.ofNullable(request.effectiveAt()),
                Optional.ofNullable(request.successor()).map(DesignationRequest::designation)));
    return new TerminationResponse(terminated.terminated(), terminated.successor().orElse(null));
  }
}
