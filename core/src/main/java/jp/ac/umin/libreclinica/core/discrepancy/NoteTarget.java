package jp.ac.umin.libreclinica.core.discrepancy;

import java.util.Objects;

/**
 * What a new note is about, as a page or the API names it: an item value of an event CRF (item
 * name and row), a field of a subject, or a field of a subject's event.
 *
 * @param field the field
 * @param entityId the event CRF (item values), the study subject or the study event
 * @param itemName the item's name, for item values
 * @param ordinal the row of a repeating group (1 otherwise), for item values
 */
public record NoteTarget(NoteField field, long entityId, String itemName, int ordinal) {

  public NoteTarget {
    Objects.requireNonNull(field, "field");
    if (field == NoteField.ITEM_VALUE && (itemName == null || ordinal < 1)) {
      throw new IllegalArgumentException("an item value needs the item and its row");
    }
  }

  public static NoteTarget itemValue(long eventCrfId, String itemName, int ordinal) {
    return new NoteTarget(NoteField.ITEM_VALUE, eventCrfId, itemName, ordinal);
  }

  public static NoteTarget subject(long studySubjectId, NoteField field) {
    if (field.entity() != NoteField.Entity.SUBJECT) {
      throw new IllegalArgumentException(field + " is not a subject field");
    }
    return new NoteTarget(field, studySubjectId, null, 1);
  }

  public static NoteTarget event(long studyEventId, NoteField field) {
    if (field.entity() != NoteField.Entity.EVENT) {
      throw new IllegalArgumentException(field + " is not an event field");
    }
    return new NoteTarget(field, studyEventId, null, 1);
  }
}
