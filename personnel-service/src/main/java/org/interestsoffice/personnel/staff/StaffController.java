package org.interestsoffice.personnel.staff;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.interestsoffice.platform.validation.CountryCode;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/staff")
class StaffController {

  private final RegisteringStaff registering;
  private final ChangingContactDetails changing;

  StaffController(RegisteringStaff registering, ChangingContactDetails changing) {
    this.registering = registering;
    this.changing = changing;
  }

  record RegisterStaffRequest(
      @NotNull UUID missionId,
      @NotBlank @Size(max = 200) String fullName,
      @NotNull StaffCategory category,
      UUID principalId,
      @NotNull @CountryCode String nationality,
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +584121234567")
          String phone,
      @NotNull @Pattern(regexp = "es|en", message = "must be es or en") String preferredLanguage) {}

  /** Only the fields sent change; at least one must be sent. */
  record ChangeStaffRequest(
      @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String fullName,
      @Email @Size(min = 3, max = 254) String email,
      @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +584121234567") String phone,
      @Pattern(regexp = "es|en", message = "must be es or en") String preferredLanguage) {

    @AssertTrue(message = "send at least one of fullName, email, phone, preferredLanguage")
    boolean isAnyField() {
      return fullName != null || email != null || phone != null || preferredLanguage != null;
    }
  }

  @PostMapping
  ResponseEntity<StaffView> register(@Valid @RequestBody RegisterStaffRequest request) {
    StaffMember member =
        registering.register(
            new RegisteringStaff.NewStaffMember(
                request.missionId(),
                request.fullName().strip(),
                request.category(),
                request.principalId(),
                request.nationality(),
                request.email().strip(),
                request.phone(),
                request.preferredLanguage()));
    return ResponseEntity.created(URI.create("/api/staff/" + member.id())).body(StaffView.of(member));
  }

  /** By name (then id), a page at a time. */
  @GetMapping
  Page<StaffView> search(
      @RequestParam(required = false) UUID missionId,
      @RequestParam(required = false) StaffStatus status,
      @Valid @ParameterObject PageQuery page) {
    return registering.search(missionId, status, page).map(StaffView::of);
  }

  @PatchMapping("/{id}")
  StaffView change(@PathVariable UUID id, @Valid @RequestBody ChangeStaffRequest request) {
    return StaffView.of(
        changing.change(
            id,
            new ChangingContactDetails.ContactChange(
                request.fullName() == null ? null : request.fullName().strip(),
                request.email() == null ? null : request.email().strip(),
                request.phone(),
                request.preferredLanguage())));
  }

  @GetMapping("/{id}")
  StaffView one(@PathVariable UUID id) {
    return StaffView.of(registering.get(id));
  }
}
