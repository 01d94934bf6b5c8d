package jp.ac.umin.libreclinica.core.crf.definition;

import java.util.List;

/** One version of a CRF, ready to be stored: what a design spreadsheet (or ODM) describes. */
public record CrfDefinition(
    String name,
    String versionName,
    String versionDescription,
    String revisionNotes,
    List<SectionDefinition> sections,
    List<GroupDefinition> groups,
    List<ItemDefinition> items) {

  public CrfDefinition {
    sections = List.copyOf(sections);
    groups = List.copyOf(groups);
    items = List.copyOf(items);
  }

  /** The group of the given label, if defined (the implicit {@code UNGROUPED} group included). */
  public GroupDefinition group(String label) {
    return groups.stream().filter(g -> g.label().equals(label)).findFirst().orElse(null);
  }
}
