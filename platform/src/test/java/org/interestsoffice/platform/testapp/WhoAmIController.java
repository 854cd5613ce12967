package org.interestsoffice.platform.testapp;

import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shows who the service believes is calling. */
@RestController
class WhoAmIController {

  @GetMapping("/whoami")
  Caller whoAmI() {
    return Callers.current();
  }
}
