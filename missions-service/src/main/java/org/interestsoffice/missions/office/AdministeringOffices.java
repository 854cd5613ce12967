package org.interestsoffice.missions.office;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ministry administrators set up offices; everyone reads the offices they belong to. */
@Service
public class AdministeringOffices {

  private final OfficeRepository offices;
  private final Clock clock;

  AdministeringOffices(OfficeRepository offices, Clock clock) {
    this.offices = offices;
    this.clock = clock;
  }

  public record NewOffice(String code, String capital, String sendingState, String receivingState, ZoneId timeZone) {}

  @Transactional
  public Office create(NewOffice request) {
    Caller caller = Callers.current();
    if (!caller.isMinistryAdmin()) {
      Audit.refused(caller, "create an office", request.code(), "office " + request.code(), "role");
      throw new ProblemException(403, "Forbidden", "Only ministry administrators create offices");
    }
    if (offices.find(request.code()).isPresent()) {
      throw ProblemException.conflict("Office already exists", "Office " + request.code() + " already exists")
          .with("code", request.code());
    }
    Office office =
        new Office(request.code(), request.capital(), request.sendingState(), request.receivingState(), request.timeZone(), clock.instant());
    offices.add(office);
    Audit.changed(caller, "create office", office.code(), office.code());
    return office;
  }

  @Transactional(readOnly = true)
  public List<Office> visible() {
    return offices.all(Callers.current().officeFilter());
  }

  /** An office the caller belongs to; another office does not exist for them. */
  @Transactional(readOnly = true)
  public Office get(String code) {
    Office office = offices.find(code).orElseThrow(() -> ProblemException.notFound("Office", code));
    OfficeAccess.requireVisible(Callers.current(), office.code(), "Office", code);
    return office;
  }
}
