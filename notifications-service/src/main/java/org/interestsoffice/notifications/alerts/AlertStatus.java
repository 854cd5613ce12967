package org.interestsoffice.notifications.alerts;

public enum AlertStatus {
  QUEUED,
  SENT,
  DELIVERED,
  FAILED,
  RETRYING,
  DEAD
}
