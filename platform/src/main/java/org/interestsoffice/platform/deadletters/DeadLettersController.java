package org.interestsoffice.platform.deadletters;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters and their re-drive: ministry administrators only (checked here, not only at the gateway). */
@RestController
class DeadLettersController {

  private final ReDrivingEvents deadLetters;

  DeadLettersController(ReDrivingEvents deadLetters) {
    this.deadLetters = deadLetters;
  }

  /**
   * @param include {@code waiting} (default): what still needs an administrator; {@code all}: re-driven ones too
   * @param limit the newest this many (1 to 1000, default 200)
   */
  @GetMapping("/api/dead-letters")
  List<DeadLetterView> list(
      @RequestParam(defaultValue = "waiting") Include include, @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
    return deadLetters.list(include == Include.waiting, limit);
  }

  @PostMapping("/api/dead-letters/{id}/redrive")
  @ResponseStatus(HttpStatus.ACCEPTED)
  DeadLetterView redrive(@PathVariable UUID id) {
    return deadLetters.redrive(id);
  }

  enum Include {
    waiting,
    all
  }
}
