package org.interestsoffice.missions.notes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NoteController {

  private final RecordingNotes recording;

  NoteController(RecordingNotes recording) {
    this.recording = recording;
  }

  record NoteRequest(
      @NotBlank @Size(max = 100) String reference,
      @NotNull NoteDirection direction,
      @NotNull Instant at,
      @Size(max = 2000) String summary) {}

  record NoteView(UUID id, String reference, NoteDirection direction, Instant at, String summary) {
    static NoteView of(DiplomaticNote note) {
      return new NoteView(note.id(), note.reference(), note.direction(), note.at(), note.summary());
    }
  }

  @PostMapping("/api/missions/{id}/notes")
  ResponseEntity<NoteView> record(@PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
    DiplomaticNote note =
        recording.record(
            id,
            new RecordingNotes.NewNote(
                request.reference().strip(),
                request.direction(),
                request.at(),
                request.summary() == null ? null : request.summary().strip()));
    return ResponseEntity.created(URI.create("/api/missions/" + id + "/notes")).body(NoteView.of(note));
  }

  @GetMapping("/api/missions/{id}/notes")
  List<NoteView> ofMission(@PathVariable UUID id) {
    return recording.ofMission(id).stream().map(NoteView::of).toList();
  }
}
