package org.interestsoffice.personnel;

import org.interestsoffice.platform.deadletters.DeadLettersApi;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Staff register, remaining staff, departure orders and groups. */
@SpringBootApplication
// The dead letters of its consumers, for ministry administrators (GET /api/dead-letters, re-drive).
@Import(DeadLettersApi.class)
public class PersonnelApplication {

  public static void main(String[] args) {
    SpringApplication.run(PersonnelApplication.class, args);
  }
}
