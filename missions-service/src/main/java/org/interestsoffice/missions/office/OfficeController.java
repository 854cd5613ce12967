package org.interestsoffice.missions.office;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.interestsoffice.platform.validation.CountryCode;
import org.interestsoffice.platform.validation.TimeZoneId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/offices")
class OfficeController {

  private final AdministeringOffices administering;

  OfficeController(AdministeringOffices administering) {
    this.administering = administering;
  }

  record OfficeRequest(
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be three capital letters such as CCS") String code,
      @NotBlank @Size(max = 100) String capital,
      @NotNull @CountryCode String sendingState,
      @NotNull @CountryCode String receivingState,
      @NotNull @TimeZoneId String timeZone) {}

  record OfficeView(String code, String capital, String sendingState, String receivingState, String timeZone, Instant createdAt) {
    static OfficeView of(Office office) {
      return new OfficeView(
          office.code(), office.capital(), office.sendingState(), office.receivingState(), office.timeZone().getId(), office.createdAt());
    }
  }

  @PostMapping
  ResponseEntity<OfficeView> create(@Valid @RequestBody OfficeRequest request) {
    Office office =
        administering.create(
            new AdministeringOffices.NewOffice(
                request.code(), request.capital().strip(), request.sendingState(), request.receivingState(), ZoneId.of(request.timeZone())));
    return ResponseEntity.created(URI.create("/api/offices/" + office.code())).body(OfficeView.of(office));
  }

  @GetMapping
  List<OfficeView> all() {
    return administering.visible().stream().map(OfficeView::of).toList();
  }

  @GetMapping("/{code}")
  OfficeView one(@PathVariable String code) {
    return OfficeView.of(administering.get(code));
  }
}
