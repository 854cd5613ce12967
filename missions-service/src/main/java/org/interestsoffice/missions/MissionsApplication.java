package org.interestsoffice.missions;

import org.interestsoffice.platform.deadletters.DeadLettersApi;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Missions, their lifecycle through a rupture of relations, diplomatic notes and deadlines. */
@SpringBootApplication
// The dead letters of its consumers, for ministry administrators (GET /api/dead-letters, re-drive).
@Import(DeadLettersApi.class)
public class MissionsApplication {

  public static void main(String[] args) {
    SpringApplication.run(MissionsApplication.class, args);
  }
}
