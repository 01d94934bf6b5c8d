package jp.ac.umin.libreclinica.core.discrepancy;

/** What a note is about: an item value, a subject field or an event field. */
public enum NoteField {
  ITEM_VALUE(Entity.ITEM),
  ENROLLMENT_DATE(Entity.SUBJECT),
  SEX(Entity.SUBJECT),
  DATE_OF_BIRTH(Entity.SUBJECT),
  PERSON_ID(Entity.SUBJECT),
  EVENT_START(Entity.EVENT),
  EVENT_END(Entity.EVENT),
  EVENT_LOCATION(Entity.EVENT);

  /** The kind of record a field belongs to. */
  public enum Entity {
    ITEM,
    SUBJECT,
    EVENT
  }

  private final Entity entity;

  NoteField(Entity entity) {
    this.entity = entity;
  }

  public Entity entity() {
    return entity;
  }

  public String messageKey() {
    return "note.field." + name();
  }
}
