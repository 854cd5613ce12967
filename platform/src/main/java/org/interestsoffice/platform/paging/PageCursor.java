package org.interestsoffice.platform.paging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;

/**
 * The sort key of the last row of a page, which the next page starts after (keyset paging: rows
 * added or removed meanwhile never shift the rows still to come, as an offset would). Opaque to
 * callers: URL-safe Base64 of the list's name and the key's parts. A cursor that does not decode to a key of the
 * expected shape is the caller's error (400, naming {@code cursor}), never a 500.
 */
public record PageCursor(String list, List<String> parts) {

  private static final int FORMAT = 1;
  private static final int MAX_ENCODED_LENGTH = 2048;

  public PageCursor {
    parts = List.copyOf(parts);
  }

  /** The cursor after a row of the named list, whose sort key has these parts (in sort order). */
  public static PageCursor of(String list, Object... parts) {
    List<String> texts = new ArrayList<>(parts.length);
    for (Object part : parts) {
      texts.add(part.toString());
    }
    return new PageCursor(list, texts);
  }

  public String encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(list);
      out.writeByte(parts.size());
      for (String part : parts) {
        out.writeUTF(part);
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  static PageCursor decode(String encoded, String expectedList, int expectedParts) {
    if (encoded.length() > MAX_ENCODED_LENGTH) {
      throw invalid("is too long");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded)))) {
      if (in.readUnsignedByte() != FORMAT || !in.readUTF().equals(expectedList) || in.readUnsignedByte() != expectedParts) {
        throw invalid("was not issued by this list");
      }
      List<String> parts = new ArrayList<>(expectedParts);
      for (int i = 0; i < expectedParts; i++) {
        parts.add(in.readUTF());
      }
      if (in.read() != -1) {
        throw invalid("was not issued by this list");
      }
      return new PageCursor(expectedList, parts);
    } catch (IllegalArgumentException | IOException unreadable) {
      throw invalid("is not a cursor this list issued");
    }
  }

  String text(int part) {
    return parts.get(part);
  }

  Instant instant(int part) {
    try {
      return Instant.parse(parts.get(part));
    } catch (DateTimeParseException notAnInstant) {
      throw invalid("was not issued by this list");
    }
  }

  UUID uuid(int part) {
    try {
      return UUID.fromString(parts.get(part));
    } catch (IllegalArgumentException notAUuid) {
      throw invalid("was not issued by this list");
    }
  }

  private static ProblemException invalid(String why) {
    String message = "must be the nextCursor of the previous page; this one " + why;
    return ProblemException.invalid("Invalid request", "Invalid request parameters")
        .with("errors", List.of(Map.of("field", "cursor", "message", message)));
  }
}
