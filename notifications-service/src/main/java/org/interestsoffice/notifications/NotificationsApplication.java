package org.interestsoffice.notifications;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Departure alerts by email and SMS, reminders, acknowledgement and escalation. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationsApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotificationsApplication.class, args);
  }
}
