package org.interestsoffice.notifications.alerts;

/**
 * What went out for an alert, kept with it once the channel took it.
 *
 * @param storedBody the text with its acknowledgement link replaced by a placeholder (the link's
 *     token is a credential; only its hash stays in the database)
 * @param providerMessageId the channel's id for it, which delivery reports quote
 * @param sentBy the instance that sent it
 */
public record SentMessage(String recipient, String language, String subject, String storedBody, String providerMessageId, String sentBy) {

  @Override
  public String toString() {
    return "SentMessage[providerMessageId=" + providerMessageId + "]";
  }
}
