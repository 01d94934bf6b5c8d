package jp.ac.umin.libreclinica.core.discrepancy;

import jp.ac.umin.libreclinica.core.dataentry.DataEntryNotes;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import org.springframework.stereotype.Component;

/** Raises the notes data entry asks for, inside the save's transaction. */
@Component
class DataEntryNoteHook implements DataEntryNotes {

  private final DiscrepancyNoteService notes;

  DataEntryNoteHook(DiscrepancyNoteService notes) {
    this.notes = notes;
  }

  @Override
  public void failedValidationCheck(String actor, long eventCrfId, ItemKey item, String note) {
    if (!notes.hasSubject(eventCrfId)) {
      return;
    }
    notes.raiseFromDataEntry(actor, NoteTarget.itemValue(eventCrfId, item.itemName(), item.ordinal()),
        NoteType.FAILED_VALIDATION_CHECK, note);
  }

  @Override
  public void reasonForChange(String actor, long eventCrfId, ItemKey item, String reason) {
    if (!notes.hasSubject(eventCrfId)) {
      return;
    }
    notes.raiseFromDataEntry(actor, NoteTarget.itemValue(eventCrfId, item.itemName(), item.ordinal()),
        NoteType.REASON_FOR_CHANGE, reason);
  }
}
