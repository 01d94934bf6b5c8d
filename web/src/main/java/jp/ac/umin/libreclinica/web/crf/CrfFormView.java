package jp.ac.umin.libreclinica.web.crf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.SectionDefinition;

/**
 * A CRF version laid out as the pages show it: its sections in order, each holding blocks of
 * consecutive items of one group. A block of a repeating group is shown as a grid with as many
 * rows as the group's repeat number.
 */
public record CrfFormView(String name, String versionName, List<SectionView> sections) {

  /** A section with its blocks. */
  public record SectionView(SectionDefinition section, List<Block> blocks) {}

  /** Consecutive items of one group in one section. */
  public record Block(GroupDefinition group, boolean grid, List<ItemDefinition> items, List<Integer> rows) {

    /** Whether any item of the block carries a header above it (grids show them as column heads). */
    public boolean hasHeaders() {
      return items.stream().anyMatch(i -> i.header() != null && !i.header().isBlank());
    }
  }

  public static CrfFormView of(CrfDefinition d) {
    List<SectionView> sections = new ArrayList<>();
    for (SectionDefinition s : d.sections()) {
      List<Block> blocks = new ArrayList<>();
      List<ItemDefinition> current = new ArrayList<>();
      String currentGroup = null;
      for (ItemDefinition i : d.items()) {
        if (!Objects.equals(i.sectionLabel(), s.label())) {
          continue;
        }
        if (!current.isEmpty() && !Objects.equals(currentGroup, i.groupLabel())) {
          blocks.add(block(d, currentGroup, current));
          current = new ArrayList<>();
        }
        currentGroup = i.groupLabel();
        current.add(i);
      }
      if (!current.isEmpty()) {
        blocks.add(block(d, currentGroup, current));
      }
      sections.add(new SectionView(s, List.copyOf(blocks)));
    }
    return new CrfFormView(d.name(), d.versionName(), List.copyOf(sections));
  }

  private static Block block(CrfDefinition d, String groupLabel, List<ItemDefinition> items) {
    GroupDefinition group = d.group(groupLabel);
    if (group == null) {
      group = GroupDefinition.ungrouped();
    }
    boolean grid = group.layout() != null && group.layout().repeating();
    int rows = grid ? Math.max(1, group.repeatNumber()) : 1;
    return new Block(group, grid, List.copyOf(items), IntStream.rangeClosed(1, rows).boxed().toList());
  }
}
