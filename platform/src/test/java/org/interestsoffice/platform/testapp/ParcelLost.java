package org.interestsoffice.platform.testapp;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A test event nobody subscribes to at first: the broker returns it as unroutable. */
@IntegrationEvent(type = "ParcelLost")
public record ParcelLost(String parcel) {}
