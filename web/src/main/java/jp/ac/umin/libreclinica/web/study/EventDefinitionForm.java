package jp.ac.umin.libreclinica.web.study;

import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventType;

/** The event definition form; validated through {@link EventDefinitionDetails}'s constraints. */
public class EventDefinitionForm {

  private String name;
  private String description;
  private boolean repeating;
  private EventType type = EventType.SCHEDULED;
  private String category;
  private long version;

  public static EventDefinitionForm of(EventDefinitionDetails d, long version) {
    EventDefinitionForm f = new EventDefinitionForm();
    f.name = d.name();
    f.description = d.description();
    f.repeating = d.repeating();
    f.type = d.type();
    f.category = d.category();
    f.version = version;
    return f;
  }

  public EventDefinitionDetails toDetails() {
    return new EventDefinitionDetails(
        name,
        description == null || description.isBlank() ? null : description,
        repeating,
        type,
        category == null || category.isBlank() ? null : category);
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public boolean isRepeating() {
    return repeating;
  }

  public void setRepeating(boolean repeating) {
    this.repeating = repeating;
  }

  public EventType getType() {
    return type;
  }

  public void setType(EventType type) {
    this.type = type;
  }

  public String getCategory() {
    return category;
  }

  public void setCategory(String category) {
    this.category = category;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }
}
