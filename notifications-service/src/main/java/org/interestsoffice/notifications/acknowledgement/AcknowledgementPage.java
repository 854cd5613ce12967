package org.interestsoffice.notifications.acknowledgement;

import org.springframework.web.util.HtmlUtils;

/**
 * The small page behind an acknowledgement link, in the person's language. Plain HTML with no
 * script or external resource: it has to work on a phone on a poor connection.
 */
final class AcknowledgementPage {

  private AcknowledgementPage() {}

  private record Words(
      String title,
      String confirmPrompt,
      String confirmButton,
      String confirmed,
      String expired,
      String unknown) {}

  private static final Words ENGLISH =
      new Words(
          "Departure order",
          "Please confirm that you have received this departure order.",
          "I confirm I have received it",
          "Thank you. Your confirmation has been recorded.",
          "This link has expired. Please contact your head of mission.",
          "This link is not valid. Check that you opened the whole link from your message, or contact your head of mission.");

  private static final Words SPANISH =
      new Words(
          "Orden de salida",
          "Confirme, por favor, que ha recibido esta orden de salida.",
          "Confirmo que la he recibido",
          "Gracias. Su confirmación ha quedado registrada.",
          "Este enlace ha caducado. Póngase en contacto con el jefe de la misión.",
          "Este enlace no es válido. Compruebe que abrió el enlace completo de su mensaje o póngase en contacto con el jefe de la misión.");

  static String render(AcknowledgingAlerts.Link link, String formAction) {
    Words words = "es".equals(link.language()) ? SPANISH : ENGLISH;
    String language = "es".equals(link.language()) ? "es" : "en";
    StringBuilder main = new StringBuilder();
    if (link.subject() != null) {
      main.append("<p><strong>").append(HtmlUtils.htmlEscape(link.subject())).append("</strong></p>\n");
    }
    switch (link.state()) {
      case OPEN ->
          main.append("<p>")
              .append(words.confirmPrompt())
              .append("</p>\n<form method=\"post\" action=\"")
              .append(HtmlUtils.htmlEscape(formAction))
              .append("\"><button type=\"submit\">")
              .append(words.confirmButton())
              .append("</button></form>\n");
      case ACKNOWLEDGED -> main.append("<p>").append(words.confirmed()).append("</p>\n");
      case EXPIRED -> main.append("<p>").append(words.expired()).append("</p>\n");
      case UNKNOWN -> main.append("<p>").append(words.unknown()).append("</p>\n");
    }
    return """
        <!DOCTYPE html>
        <html lang="%s">
        <head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title></head>
        <body>
        <h1>%s</h1>
        %s</body>
        </html>
        """
        .formatted(language, words.title(), words.title(), main);
  }
}
