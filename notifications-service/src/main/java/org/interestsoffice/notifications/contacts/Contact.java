package org.interestsoffice.notifications.contacts;

import java.util.UUID;

/** How to reach a staff member, as last reported by personnel. */
public record Contact(UUID staffId, UUID missionId, String officeCode, String fullName, String email, String phone, String language) {}
