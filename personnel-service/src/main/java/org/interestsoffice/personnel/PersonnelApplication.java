package org.interestsoffice.personnel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Staff register, remaining staff, departure orders and groups. */
@SpringBootApplication
public class PersonnelApplication {

  public static void main(String[] args) {
    SpringApplication.run(PersonnelApplication.class, args);
  }
}
