package org.interestsoffice.system;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The text of an email as a person reads it: the text/plain part of one that also carries a calendar entry. */
final class MailText {

  private MailText() {}

  static String of(Part message) {
    try {
      if (message.isMimeType("text/plain")) {
        return (String) message.getContent();
      }
      if (message.getContent() instanceof Multipart parts) {
        for (int i = 0; i < parts.getCount(); i++) {
          if (parts.getBodyPart(i).isMimeType("text/plain") || parts.getBodyPart(i).isMimeType("multipart/*")) {
            return of(parts.getBodyPart(i));
          }
        }
      }
      throw new IllegalStateException("An email without a text/plain part: " + message.getContentType());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
