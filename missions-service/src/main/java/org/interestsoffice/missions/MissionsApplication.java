package org.interestsoffice.missions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Missions, their lifecycle through a rupture of relations, diplomatic notes and deadlines. */
@SpringBootApplication
public class MissionsApplication {

  public static void main(String[] args) {
    SpringApplication.run(MissionsApplication.class, args);
  }
}
