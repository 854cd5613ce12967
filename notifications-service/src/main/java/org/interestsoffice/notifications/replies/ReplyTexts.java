package org.interestsoffice.notifications.replies;

/**
 * The help text answering a reply that was not understood, in the person's language: short (one
 * SMS), and saying what to answer.
 */
final class ReplyTexts {

  private ReplyTexts() {}

  static String help(String language) {
    return "es".equals(language)
        ? "No entendimos su respuesta. Para confirmar que recibio la alerta de salida, responda SI (o OK), o abra el enlace de la alerta."
        : "We did not understand your reply. To confirm you received the departure alert, reply YES (or OK), or open the link in the alert.";
  }
}
