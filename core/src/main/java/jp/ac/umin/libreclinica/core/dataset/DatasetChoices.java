package jp.ac.umin.libreclinica.core.dataset;

import java.util.List;

/** What a dataset can be made of in a study: its events, their CRFs, and the items of each CRF. */
public record DatasetChoices(List<EventChoice> events) {

  public DatasetChoices {
    events = List.copyOf(events);
  }

  /** An event definition and its CRFs. */
  public record EventChoice(String oid, String name, List<FormChoice> forms) {
    public EventChoice {
      forms = List.copyOf(forms);
    }
  }

  /** A CRF of an event, with the items of its usable versions. */
  public record FormChoice(String oid, String name, List<ItemChoice> items) {
    public FormChoice {
      items = List.copyOf(items);
    }
  }

  /** An item, by OID and name. */
  public record ItemChoice(String oid, String name) {}
}
