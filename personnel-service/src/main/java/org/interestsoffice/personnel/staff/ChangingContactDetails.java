package org.interestsoffice.personnel.staff;

import java.util.Objects;
import java.util.UUID;

import org.interestsoffice.personnel.events.StaffContactChanged;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Name, contact details and language of a staff member, which alerts are sent with. */
@Service
class ChangingContactDetails {

  private final StaffRepository staff;
  private final Outbox outbox;

  ChangingContactDetails(StaffRepository staff, Outbox outbox) {
    this.staff = staff;
    this.outbox = outbox;
  }

  /** What changes; null fields stay as they are. */
  record ContactChange(String fullName, String email, String phone, String preferredLanguage) {}

  @Transactional
  StaffMember change(UUID staffId, ContactChange change) {
    Caller caller = Callers.current();
    StaffMember member = staff.findForUpdate(staffId).orElseThrow(() -> ProblemException.notFound("Staff member", staffId));
    OfficeAccess.requireAction(
        caller, "update staff", member.officeCode(), "Staff member", staffId, Role.OFFICE_OFFICER, Role.OFFICE_HEAD);
    StaffMember changed =
        member.withContact(
            Objects.requireNonNullElse(change.fullName(), member.fullName()),
            Objects.requireNonNullElse(change.email(), member.email()),
            Objects.requireNonNullElse(change.phone(), member.phone()),
            Objects.requireNonNullElse(change.preferredLanguage(), member.preferredLanguage()));
    if (changed.equals(member)) {
      return member;
    }
    staff.updateContact(changed);
    outbox.append(
        member.officeCode(),
        new StaffContactChanged(
            member.id(), member.missionId(), member.officeCode(), changed.fullName(), changed.email(), changed.phone(),
            changed.preferredLanguage(),
            // The row's version after this change: it only grows, and changes of one person are
            // serialised by the row lock above, so a later change always carries a higher one.
            member.version() + 1));
    Audit.changed(caller, "update staff contact", member.officeCode(), staffId);
    return changed;
  }
}
