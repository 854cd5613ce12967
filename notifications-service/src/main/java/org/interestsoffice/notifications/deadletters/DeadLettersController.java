package org.interestsoffice.notifications.deadletters;

import java.util.List;
import java.util.UUID;

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

  private final ReDrivingDeadLetters deadLetters;

  DeadLettersController(ReDrivingDeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** @param include {@code waiting} (default): what still needs an administrator; {@code all}: re-driven ones too */
  @GetMapping("/api/dead-letters")
  List<DeadLetterView> list(@RequestParam(defaultValue = "waiting") Include include) {
    return deadLetters.list(include == Include.waiting);
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
