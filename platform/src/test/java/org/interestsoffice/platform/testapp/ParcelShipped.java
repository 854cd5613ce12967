package org.interestsoffice.platform.testapp;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A test event; {@code explode} makes its handler fail every time, until the parcel is defused. */
@IntegrationEvent(type = "ParcelShipped")
public record ParcelShipped(String parcel, boolean explode) {

  public static ParcelShipped parcel(String name) {
    return new ParcelShipped(name, false);
  }

  public static ParcelShipped explodingParcel(String name) {
    return new ParcelShipped(name, true);
  }
}
