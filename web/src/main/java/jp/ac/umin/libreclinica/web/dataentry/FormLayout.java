package jp.ac.umin.libreclinica.web.dataentry;

import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupLayout;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.SectionDefinition;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import org.springframework.util.MultiValueMap;

/**
 * The shape of a CRF page: sections, in each the item groups in order, a repeating group as a
 * grid of rows. Built from a CRF version's definition and the values to show.
 */
public record FormLayout(List<Section> sections) {

  /** One section (a tab of the form). */
  public record Section(SectionDefinition definition, List<Block> blocks) {}

  /** Items outside a grid, or a grid (repeating group) with its rows. */
  public record Block(GroupDefinition group, boolean grid, List<ItemDefinition> items, List<Integer> rows) {}

  public static FormLayout of(CrfDefinition crf, Map<ItemKey, ?> present, int extraRows) {
    Map<String, GroupDefinition> groups = new LinkedHashMap<>();
    crf.groups().forEach(g -> groups.put(g.label(), g));
    List<Section> sections = new ArrayList<>();
    for (SectionDefinition s : crf.sections()) {
      List<Block> blocks = new ArrayList<>();
      Block current = null;
      for (ItemDefinition item : crf.items()) {
        if (!s.label().equals(item.sectionLabel())) {
          continue;
        }
        GroupDefinition g = item.groupLabel() == null ? null : groups.get(item.groupLabel());
        boolean grid = g != null && g.layout() == GroupLayout.GRID;
        if (current == null || current.group() != g) {
          current = new Block(g, grid, new ArrayList<>(), rowsOf(g, grid, present, crf, extraRows));
          blocks.add(current);
        }
        current.items().add(item);
      }
      sections.add(new Section(s, blocks));
    }
    return new FormLayout(sections);
  }

  private static List<Integer> rowsOf(
      GroupDefinition g, boolean grid, Map<ItemKey, ?> present, CrfDefinition crf, int extraRows) {
    if (!grid) {
      return List.of(1);
    }
    Set<String> names =
        Set.copyOf(crf.items().stream().filter(i -> g.label().equals(i.groupLabel())).map(ItemDefinition::name).toList());
    int used =
        present.keySet().stream().filter(k -> names.contains(k.itemName())).mapToInt(ItemKey::ordinal).max().orElse(0);
    int count = Math.min(Math.max(Math.max(used, g.repeatNumber()), 1) + Math.max(extraRows, 0), Math.max(g.repeatMax(), 1));
    List<Integer> rows = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      rows.add(i);
    }
    return rows;
  }

  /** The request parameter that carries an item's value. */
  public static String valueName(String item, int row) {
    return "v." + item + "." + row;
  }

  /** The request parameter that carries the note to save a value past its edit check. */
  public static String noteName(String item, int row) {
    return "n." + item + "." + row;
  }

  /** The request parameter that carries the version of the value the form was built from. */
  public static String seenName(String item, int row) {
    return "s." + item + "." + row;
  }

  /**
   * The version of a stored value the page was shown with (its hidden {@link #seenName} field),
   * added to {@code byKey} and {@code byName}; nothing when the field is absent or not a number.
   */
  static void readSeen(MultiValueMap<String, String> form, String item, int row,
      Map<ItemKey, Long> byKey, Map<String, Long> byName) {
    String given = form.getFirst(seenName(item, row));
    if (given != null && given.matches("\\d{1,18}")) {
      byKey.put(new ItemKey(item, row), Long.valueOf(given));
      byName.put(seenName(item, row), Long.valueOf(given));
    }
  }
}
