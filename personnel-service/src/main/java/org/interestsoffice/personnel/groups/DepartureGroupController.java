package org.interestsoffice.personnel.groups;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/departure-groups")
class DepartureGroupController {

  private final OrganisingDepartureGroups organising;

  DepartureGroupController(OrganisingDepartureGroups organising) {
    this.organising = organising;
  }

  record CreateGroupRequest(
      @NotNull UUID missionId, @NotBlank @Size(max = 200) String name, @NotNull Instant scheduledAt, @NotNull Transport transport) {}

  record AddMembersRequest(@NotEmpty @Size(max = 500) List<@NotNull UUID> staffIds) {}

  record GroupDepartureRequest(@NotNull Instant departedAt) {}

  record DepartureGroupView(
      UUID id, UUID missionId, String officeCode, String name, Instant scheduledAt, Transport transport, Instant departedAt,
      List<UUID> memberIds) {

    static DepartureGroupView of(DepartureGroup group) {
      return new DepartureGroupView(
          group.id(), group.missionId(), group.officeCode(), group.name(), group.scheduledAt(), group.transport(), group.departedAt(),
          group.memberIds());
    }
  }

  @PostMapping
  ResponseEntity<DepartureGroupView> create(@Valid @RequestBody CreateGroupRequest request) {
    DepartureGroup group =
        organising.create(
            new OrganisingDepartureGroups.NewGroup(request.missionId(), request.name().strip(), request.scheduledAt(), request.transport()));
    return ResponseEntity.created(URI.create("/api/departure-groups/" + group.id())).body(DepartureGroupView.of(group));
  }

  @PostMapping("/{id}/members")
  DepartureGroupView addMembers(@PathVariable UUID id, @Valid @RequestBody AddMembersRequest request) {
    return DepartureGroupView.of(organising.addMembers(id, request.staffIds()));
  }

  @PostMapping("/{id}/departure")
  DepartureGroupView departed(@PathVariable UUID id, @Valid @RequestBody GroupDepartureRequest request) {
    return DepartureGroupView.of(organising.confirmDeparture(id, request.departedAt()));
  }

  /** By scheduled time (then id), a page at a time, each group with its members. */
  @GetMapping
  Page<DepartureGroupView> search(@RequestParam(required = false) UUID missionId, @Valid @ParameterObject PageQuery page) {
    return organising.search(missionId, page).map(DepartureGroupView::of);
  }

  @GetMapping("/{id}")
  DepartureGroupView one(@PathVariable UUID id) {
    return DepartureGroupView.of(organising.get(id));
  }
}
