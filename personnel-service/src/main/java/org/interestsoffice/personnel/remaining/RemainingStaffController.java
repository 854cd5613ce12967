package org.interestsoffice.personnel.remaining;

import java.util.UUID;

import org.interestsoffice.personnel.staff.StaffView;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/staff/{id}/remaining-designation")
class RemainingStaffController {

  private final DesignatingRemainingStaff designating;

  RemainingStaffController(DesignatingRemainingStaff designating) {
    this.designating = designating;
  }

  @PostMapping
  StaffView designate(@PathVariable UUID id) {
    return StaffView.of(designating.designate(id));
  }

  @DeleteMapping
  StaffView withdraw(@PathVariable UUID id) {
    return StaffView.of(designating.withdraw(id));
  }
}
