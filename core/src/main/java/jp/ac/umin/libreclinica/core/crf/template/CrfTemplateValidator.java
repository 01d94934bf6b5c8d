package jp.ac.umin.libreclinica.core.crf.template;

import static jp.ac.umin.libreclinica.core.crf.template.TemplateColumn.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import jp.ac.umin.libreclinica.core.crf.definition.ConditionalDisplay;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupLayout;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemValidation;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseLayout;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseSetDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.crf.definition.SectionDefinition;
import jp.ac.umin.libreclinica.core.crf.template.RawSheet.RawRow;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem.Severity;
import jp.ac.umin.libreclinica.core.markup.SafeHtml;

/**
 * Checks the rules of the templates' Instructions sheets on a read workbook, collecting every
 * problem, and builds the {@link CrfDefinition} when there is no error. One instance per file.
 */
final class CrfTemplateValidator {

  static final Pattern ITEM_NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern WIDTH_DECIMAL_PATTERN =
      Pattern.compile("(\\d+|w)\\s*\\(\\s*(\\d+|d)\\s*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern REGEXP =
      Pattern.compile("regexp\\s*:\\s*/(.*)/\\s*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern FUNC =
      Pattern.compile("func\\s*:\\s*([A-Za-z]+)\\s*\\((.*)\\)\\s*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern INSTANT =
      Pattern.compile(
          "(?:func\\s*:\\s*)?onchange\\s*\\(\\s*([^,\\s)]+)\\s*,\\s*([^)]*)\\)\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> VALIDATION_FUNCTIONS =
      Set.of("gt", "lt", "gte", "lte", "eq", "ne", "range");
  private static final Set<String> CALCULATION_FUNCTIONS =
      Set.of("sum", "avg", "min", "max", "median", "stdev", "pow", "decode");
  private static final Set<String> GROUP_CALCULATION_FUNCTIONS =
      Set.of("sum", "avg", "min", "max", "median", "stdev");

  private final List<TemplateProblem> problems = new ArrayList<>();
  private final Function<String, Optional<PriorCrf>> priorLookup;

  CrfTemplateValidator(Function<String, Optional<PriorCrf>> priorLookup) {
    this.priorLookup = priorLookup;
  }

  CrfTemplateResult validate(RawWorkbook workbook) {
    for (TemplateSheet s : TemplateSheet.values()) {
      RawSheet sheet = workbook.sheet(s);
      if (sheet == null) {
        if (s.required()) {
          add(Severity.ERROR, s, null, null, null, "crf.sheet.missing");
        }
        continue;
      }
      for (TemplateColumn c : TemplateColumn.of(s)) {
        if (c.required() && !sheet.has(c) && !(s == TemplateSheet.GROUPS && sheet.rows().isEmpty())) {
          add(Severity.ERROR, s, 1, c, null, "crf.column.missing");
        }
      }
    }
    RawSheet crfSheet = workbook.sheet(TemplateSheet.CRF);
    RawSheet sectionSheet = workbook.sheet(TemplateSheet.SECTIONS);
    RawSheet groupSheet = workbook.sheet(TemplateSheet.GROUPS);
    RawSheet itemSheet = workbook.sheet(TemplateSheet.ITEMS);

    CrfHeader header = crfSheet == null ? null : readCrf(crfSheet);
    Map<String, SectionEntry> sections =
        sectionSheet == null ? Map.of() : readSections(sectionSheet);
    Map<String, GroupEntry> groups = groupSheet == null ? new LinkedHashMap<>() : readGroups(groupSheet);
    List<ItemEntry> items = itemSheet == null ? List.of() : readItems(itemSheet, sections, groups);
    if (header != null && header.name != null) {
      priorLookup.apply(header.name).ifPresent(prior -> checkAgainstPrior(prior, header, items));
    }

    problems.sort(
        Comparator.comparing((TemplateProblem p) -> sheetOrder(p.sheet()))
            .thenComparing(p -> p.row() == null ? 0 : p.row())
            .thenComparing(p -> columnOrder(p.sheet(), p.column())));
    boolean ok = problems.stream().noneMatch(TemplateProblem::isError);
    CrfDefinition definition = ok ? build(header, sections, groups, items) : null;
    return new CrfTemplateResult(definition, problems);
  }

  // ---------------------------------------------------------------- CRF sheet

  private record CrfHeader(
      String name, String version, String description, String notes, int row) {}

  private CrfHeader readCrf(RawSheet sheet) {
    if (sheet.rows().isEmpty()) {
      add(Severity.ERROR, TemplateSheet.CRF, 2, null, null, "crf.crf.noRow");
      return null;
    }
    for (RawRow extra : sheet.rows().subList(1, sheet.rows().size())) {
      add(Severity.ERROR, TemplateSheet.CRF, extra.number(), null, null, "crf.crf.extraRow");
    }
    RawRow row = sheet.rows().get(0);
    String name = plainName(sheet, row, CRF_NAME, 255);
    String version = plainName(sheet, row, VERSION, 255);
    String description = text(sheet, row, VERSION_DESCRIPTION, 4000, true);
    String notes = text(sheet, row, REVISION_NOTES, 255, true);
    return new CrfHeader(name, version, description, notes, row.number());
  }

  // ---------------------------------------------------------------- Sections

  private record SectionEntry(SectionDefinition definition, int row) {}

  private Map<String, SectionEntry> readSections(RawSheet sheet) {
    Map<String, SectionEntry> sections = new LinkedHashMap<>();
    if (sheet.rows().isEmpty()) {
      add(Severity.ERROR, TemplateSheet.SECTIONS, null, null, null, "crf.sections.none");
      return sections;
    }
    Set<String> titles = new HashSet<>();
    for (RawRow row : sheet.rows()) {
      titles.add(row.trimmed(SECTION_TITLE));
    }
    for (RawRow row : sheet.rows()) {
      String label = plainName(sheet, row, SECTION_LABEL, 255);
      String title = text(sheet, row, SECTION_TITLE, 2000, true);
      String subtitle = html(row, SUBTITLE, 2000);
      String instructions = html(row, INSTRUCTIONS, 2000);
      String page = text(sheet, row, SECTION_PAGE_NUMBER, 5, false);
      String parent = text(sheet, row, PARENT_SECTION, 255, false);
      if (parent != null && !titles.contains(parent.strip()) && !containsLabel(sheet, parent.strip())) {
        add(Severity.WARNING, TemplateSheet.SECTIONS, row.number(), PARENT_SECTION, parent, "crf.section.parent.unknown");
      }
      Integer borders = nonNegativeInteger(row, BORDERS);
      if (label == null) {
        continue;
      }
      if (sections.containsKey(label)) {
        add(Severity.ERROR, TemplateSheet.SECTIONS, row.number(), SECTION_LABEL, label,
            "crf.section.duplicate", String.valueOf(sections.get(label).row()));
        continue;
      }
      sections.put(label, new SectionEntry(
          new SectionDefinition(label, title, subtitle, instructions, page, parent == null ? null : parent.strip(), borders),
          row.number()));
    }
    return sections;
  }

  private static boolean containsLabel(RawSheet sheet, String label) {
    return sheet.rows().stream().anyMatch(r -> r.trimmed(SECTION_LABEL).equals(label));
  }

  // ---------------------------------------------------------------- Groups

  private static final class GroupEntry {
    final GroupDefinition definition;
    final int row;
    String section;
    int sectionRow;
    int lastItemIndex = -1;
    boolean interrupted;

    GroupEntry(GroupDefinition definition, int row) {
      this.definition = definition;
      this.row = row;
    }
  }

  private Map<String, GroupEntry> readGroups(RawSheet sheet) {
    Map<String, GroupEntry> groups = new LinkedHashMap<>();
    for (RawRow row : sheet.rows()) {
      String label = plainName(sheet, row, GROUP_LABEL, 255);
      if (label != null && label.codePoints().anyMatch(Character::isWhitespace)) {
        add(Severity.ERROR, TemplateSheet.GROUPS, row.number(), GROUP_LABEL, label, "crf.group.label.spaces");
      }
      String layoutText = row.trimmed(GROUP_LAYOUT);
      GroupLayout layout = GroupLayout.NON_REPEATING;
      if (!layoutText.isEmpty()) {
        String key = layoutText.toUpperCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
        if (key.equals("GRID")) {
          layout = GroupLayout.GRID;
        } else if (!key.equals("NONREPEATING")) {
          add(Severity.ERROR, TemplateSheet.GROUPS, row.number(), GROUP_LAYOUT, layoutText, "crf.group.layout.unknown");
        }
      }
      String header = html(row, GROUP_HEADER, 255);
      Integer number = positiveInteger(row, GROUP_REPEAT_NUMBER, "crf.group.repeatNumber.invalid");
      Integer max = positiveInteger(row, GROUP_REPEAT_MAX, "crf.group.repeatMax.invalid");
      if (layout == GroupLayout.NON_REPEATING && (number != null || max != null)) {
        add(Severity.WARNING, TemplateSheet.GROUPS, row.number(),
            number != null ? GROUP_REPEAT_NUMBER : GROUP_REPEAT_MAX, null, "crf.group.repeat.ignored");
      }
      if (number != null && max != null && max < number) {
        add(Severity.WARNING, TemplateSheet.GROUPS, row.number(), GROUP_REPEAT_MAX,
            row.trimmed(GROUP_REPEAT_MAX), "crf.group.repeatMax.belowNumber", number.toString());
      }
      Boolean hidden = displayStatus(TemplateSheet.GROUPS, row, GROUP_DISPLAY_STATUS);
      if (label == null) {
        continue;
      }
      if (groups.containsKey(label)) {
        add(Severity.ERROR, TemplateSheet.GROUPS, row.number(), GROUP_LABEL, label,
            "crf.group.duplicate", String.valueOf(groups.get(label).row));
        continue;
      }
      boolean grid = layout.repeating();
      GroupDefinition def = new GroupDefinition(
          label, layout, header,
          grid ? (number == null ? GroupDefinition.DEFAULT_REPEAT_NUMBER : number) : 1,
          grid ? (max == null ? GroupDefinition.DEFAULT_REPEAT_MAX : max) : 1,
          Boolean.TRUE.equals(hidden), false);
      groups.put(label, new GroupEntry(def, row.number()));
    }
    return groups;
  }

  // ---------------------------------------------------------------- Items

  private static final class ItemEntry {
    int row;
    int index;
    String name;
    String description;
    String leftText;
    String units;
    String rightText;
    String section;
    String group;
    String header;
    String subheader;
    String parent;
    Integer column;
    String page;
    String question;
    ResponseType responseType;
    String responseLabel;
    ResponseSetDefinition responseSet;
    String calculation;
    ResponseLayout layout;
    String defaultValue;
    ItemDataType dataType;
    String widthDecimal;
    Integer width;
    Integer decimals;
    ItemValidation validation;
    boolean phi;
    boolean required;
    boolean hidden;
    ConditionalDisplay scd;
  }

  private record LabelledSet(ResponseSetDefinition set, String texts, String values, int row) {}

  private List<ItemEntry> readItems(
      RawSheet sheet, Map<String, SectionEntry> sections, Map<String, GroupEntry> groups) {
    List<ItemEntry> items = new ArrayList<>();
    if (sheet.rows().isEmpty()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, null, null, null, "crf.items.none");
      return items;
    }
    Map<String, ItemEntry> byName = new HashMap<>();
    Map<String, LabelledSet> sets = new HashMap<>();
    for (RawRow row : sheet.rows()) {
      ItemEntry item = new ItemEntry();
      item.row = row.number();
      item.index = items.size();
      item.name = plainName(sheet, row, ITEM_NAME, 255);
      if (item.name != null && !ITEM_NAME_PATTERN.matcher(item.name).matches()) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), ITEM_NAME, item.name, "crf.item.name.invalid");
      }
      if (item.name != null && byName.containsKey(item.name)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), ITEM_NAME, item.name,
            "crf.item.name.duplicate", String.valueOf(byName.get(item.name).row));
      }
      item.description = text(sheet, row, DESCRIPTION_LABEL, 4000, true);
      item.leftText = html(row, LEFT_ITEM_TEXT, 2000);
      item.units = text(sheet, row, UNITS, 64, false);
      item.rightText = html(row, RIGHT_ITEM_TEXT, 2000);
      item.header = html(row, HEADER, 2000);
      item.subheader = html(row, SUBHEADER, 240);
      item.page = text(sheet, row, ITEM_PAGE_NUMBER, 5, false);
      item.question = text(sheet, row, QUESTION_NUMBER, 20, false);
      item.column = positiveInteger(row, COLUMN_NUMBER, "crf.value.notPositiveInteger");

      item.section = text(sheet, row, ITEM_SECTION_LABEL, 255, true);
      if (item.section != null) {
        item.section = item.section.strip();
        if (!sections.containsKey(item.section) && sheetHasRows(sections)) {
          add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), ITEM_SECTION_LABEL, item.section, "crf.item.section.unknown");
        }
      }
      String groupLabel = row.trimmed(ITEM_GROUP_LABEL);
      item.group = groupLabel.isEmpty() ? GroupDefinition.UNGROUPED : groupLabel;
      if (!groupLabel.isEmpty() && !groups.containsKey(groupLabel)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), ITEM_GROUP_LABEL, groupLabel, "crf.item.group.unknown");
      } else if (groups.containsKey(item.group)) {
        trackGroup(groups.get(item.group), item, row);
      }

      String rt = row.trimmed(RESPONSE_TYPE);
      if (rt.isEmpty()) {
        required(sheet, row, RESPONSE_TYPE);
      } else {
        item.responseType = ResponseType.fromCode(rt).orElse(null);
        if (item.responseType == null) {
          add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_TYPE, rt, "crf.item.responseType.unknown");
        }
      }
      String dt = row.trimmed(DATA_TYPE);
      if (dt.isEmpty()) {
        required(sheet, row, DATA_TYPE);
      } else {
        item.dataType = ItemDataType.fromCode(dt).orElse(null);
        if (item.dataType == null) {
          add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), DATA_TYPE, dt, "crf.item.dataType.unknown");
        }
      }
      if (item.responseType != null && item.dataType != null
          && (item.responseType == ResponseType.FILE) != (item.dataType == ItemDataType.FILE)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), DATA_TYPE, dt, "crf.item.file.mismatch", rt);
      }

      readResponses(sheet, row, item, sets);
      readLayout(row, item);
      readDefault(sheet, row, item);
      readWidth(row, item);
      readValidation(sheet, row, item);
      item.phi = flag(row, PHI);
      item.required = flag(row, REQUIRED);
      item.hidden = Boolean.TRUE.equals(displayStatus(TemplateSheet.ITEMS, row, ITEM_DISPLAY_STATUS));

      String parent = row.trimmed(PARENT_ITEM);
      if (!parent.isEmpty()) {
        ItemEntry p = byName.get(parent);
        if (p == null) {
          add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), PARENT_ITEM, parent, "crf.item.parent.unknown");
        } else if (!Objects.equals(p.section, item.section)) {
          add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), PARENT_ITEM, parent, "crf.item.parent.otherSection");
        } else {
          item.parent = parent;
        }
      }
      if (item.name != null && !byName.containsKey(item.name)) {
        byName.put(item.name, item);
      }
      items.add(item);
    }
    // Checks that need every item: calculations and conditional display may name later items.
    for (int i = 0; i < items.size(); i++) {
      ItemEntry item = items.get(i);
      RawRow row = sheet.rows().get(i);
      checkCalculation(row, item, byName, groups);
      readConditionalDisplay(row, item, byName);
    }
    return items;
  }

  private static boolean sheetHasRows(Map<String, SectionEntry> sections) {
    return !sections.isEmpty();
  }

  private void trackGroup(GroupEntry group, ItemEntry item, RawRow row) {
    if (!group.definition.layout().repeating()) {
      return;
    }
    if (group.section == null) {
      group.section = item.section;
      group.sectionRow = row.number();
    } else if (!Objects.equals(group.section, item.section)) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), ITEM_GROUP_LABEL, item.group,
          "crf.group.grid.sections", group.section, String.valueOf(group.sectionRow));
    }
    if (group.lastItemIndex >= 0 && group.lastItemIndex != item.index - 1 && !group.interrupted) {
      group.interrupted = true;
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), ITEM_GROUP_LABEL, item.group,
          "crf.group.grid.notConsecutive");
    }
    group.lastItemIndex = item.index;
  }

  private void readResponses(RawSheet sheet, RawRow row, ItemEntry item, Map<String, LabelledSet> sets) {
    String label = text(sheet, row, RESPONSE_LABEL, 80, false);
    String texts = text(sheet, row, RESPONSE_OPTIONS_TEXT, 4000, false);
    String values = text(sheet, row, RESPONSE_VALUES_OR_CALCULATIONS, 4000, false);
    if (label != null) {
      label = label.strip();
      if (hasMarkup(label)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_LABEL, label, "crf.value.markup");
      }
    }
    item.responseLabel = label;
    ResponseType type = item.responseType;
    if (type == null) {
      return;
    }
    if (type.calculated()) {
      if (values == null) {
        required(sheet, row, RESPONSE_VALUES_OR_CALCULATIONS);
      } else {
        item.calculation = values.strip();
      }
      return;
    }
    if (!type.hasOptions()) {
      return;
    }
    if (label == null) {
      required(sheet, row, RESPONSE_LABEL);
      return;
    }
    LabelledSet known = sets.get(label);
    if (known != null) {
      boolean sameTexts = texts == null || splitOptions(texts).equals(splitOptions(known.texts));
      boolean sameValues = values == null || splitOptions(values).equals(splitOptions(known.values));
      if (!sameTexts || !sameValues) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(),
            sameTexts ? RESPONSE_VALUES_OR_CALCULATIONS : RESPONSE_OPTIONS_TEXT,
            sameTexts ? values : texts, "crf.item.responseSet.conflict", label, String.valueOf(known.row));
        return;
      }
      item.responseSet = known.set;
      checkValuesFit(row, item, known.set);
      return;
    }
    if (texts == null) {
      required(sheet, row, RESPONSE_OPTIONS_TEXT);
    }
    if (values == null) {
      required(sheet, row, RESPONSE_VALUES_OR_CALCULATIONS);
    }
    if (texts == null || values == null) {
      return;
    }
    List<String> t = splitOptions(texts);
    List<String> v = splitOptions(values);
    if (t.size() != v.size()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, values,
          "crf.item.options.countMismatch", String.valueOf(t.size()), String.valueOf(v.size()));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String value : v) {
      if (!seen.add(value)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, value,
            "crf.item.options.duplicateValue");
      }
    }
    List<ResponseOption> options = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      options.add(new ResponseOption(t.get(i), v.get(i)));
    }
    ResponseSetDefinition set = new ResponseSetDefinition(label, options);
    sets.put(label, new LabelledSet(set, texts, values, row.number()));
    item.responseSet = set;
    checkValuesFit(row, item, set);
  }

  private void checkValuesFit(RawRow row, ItemEntry item, ResponseSetDefinition set) {
    if (item.dataType == null) {
      return;
    }
    for (ResponseOption o : set.options()) {
      if (!o.value().isEmpty() && !fits(o.value(), item.dataType)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, o.value(),
            "crf.item.options.valueType", item.dataType.name());
      }
    }
  }

  /**
   * Splits a comma-separated option list. A comma preceded by a backslash belongs to the
   * option ({@code Other\, please specify}); spaces around options are dropped.
   */
  static List<String> splitOptions(String list) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '\\') {
        int j = i;
        while (j < list.length() && list.charAt(j) == '\\') {
          j++;
        }
        if (j < list.length() && list.charAt(j) == ',') {
          current.append(',');
          i = j;
          continue;
        }
        current.append(list, i, j);
        i = j - 1;
      } else if (c == ',') {
        result.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    result.add(current.toString().strip());
    return result;
  }

  private void readLayout(RawRow row, ItemEntry item) {
    String layout = row.trimmed(RESPONSE_LAYOUT);
    if (layout.isEmpty()) {
      return;
    }
    switch (layout.toUpperCase(Locale.ROOT)) {
      case "HORIZONTAL" -> item.layout = ResponseLayout.HORIZONTAL;
      case "VERTICAL" -> item.layout = ResponseLayout.VERTICAL;
      default -> add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_LAYOUT, layout,
          "crf.item.responseLayout.unknown");
    }
  }

  private void readDefault(RawSheet sheet, RawRow row, ItemEntry item) {
    String value = text(sheet, row, DEFAULT_VALUE, 4000, false);
    if (value == null || item.responseType == null) {
      item.defaultValue = value;
      return;
    }
    ResponseType t = item.responseType;
    if (t.calculated() || t == ResponseType.FILE || t == ResponseType.RADIO) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), DEFAULT_VALUE, value,
          "crf.item.default.notAllowed", t.code());
      return;
    }
    if ((t == ResponseType.TEXT || t == ResponseType.TEXTAREA) && item.dataType != null
        && !fits(value.strip(), item.dataType)) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), DEFAULT_VALUE, value,
          "crf.item.default.type", item.dataType.name());
      return;
    }
    item.defaultValue = value;
  }

  private void readWidth(RawRow row, ItemEntry item) {
    String text = row.trimmed(WIDTH_DECIMAL);
    if (text.isEmpty()) {
      return;
    }
    item.widthDecimal = text;
    ItemDataType dt = item.dataType;
    if (dt == ItemDataType.DATE || dt == ItemDataType.PDATE || dt == ItemDataType.FILE) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), WIDTH_DECIMAL, text,
          "crf.item.width.notAllowed", dt.name());
      return;
    }
    Matcher m = WIDTH_DECIMAL_PATTERN.matcher(text);
    if (!m.matches()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), WIDTH_DECIMAL, text, "crf.item.width.format");
      return;
    }
    int maxWidth = dt == ItemDataType.ST ? 4000 : 26;
    if (!m.group(1).equalsIgnoreCase("w")) {
      long w = parseOrMax(m.group(1));
      if (w < 1 || w > maxWidth) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), WIDTH_DECIMAL, text,
            "crf.item.width.range", String.valueOf(maxWidth));
        return;
      }
      item.width = (int) w;
    }
    if (!m.group(2).equalsIgnoreCase("d")) {
      long d = parseOrMax(m.group(2));
      boolean tooMany = d > 20 || (item.width != null && d > item.width);
      boolean notReal = d > 0 && dt != ItemDataType.REAL;
      if (tooMany || notReal) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), WIDTH_DECIMAL, text, "crf.item.width.decimals");
        return;
      }
      item.decimals = (int) d;
    }
  }

  private static long parseOrMax(String digits) {
    return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private void readValidation(RawSheet sheet, RawRow row, ItemEntry item) {
    String expression = text(sheet, row, VALIDATION, 1000, false);
    String message = text(sheet, row, VALIDATION_ERROR_MESSAGE, 255, false);
    if (expression == null) {
      return;
    }
    expression = expression.strip();
    if (message == null) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), VALIDATION_ERROR_MESSAGE, null,
          "crf.item.validation.messageRequired");
    }
    Matcher regexp = REGEXP.matcher(expression);
    Matcher func = FUNC.matcher(expression);
    if (regexp.matches()) {
      try {
        Pattern.compile(regexp.group(1));
      } catch (PatternSyntaxException e) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), VALIDATION, expression, "crf.item.validation.regexp");
        return;
      }
    } else if (func.matches()) {
      String name = func.group(1).toLowerCase(Locale.ROOT);
      List<String> args = func.group(2).isBlank() ? List.of() : List.of(func.group(2).split(",", -1));
      boolean numbers = args.stream().allMatch(a -> DECIMAL.matcher(a.strip()).matches());
      int expected = name.equals("range") ? 2 : 1;
      if (!VALIDATION_FUNCTIONS.contains(name) || args.size() != expected || !numbers) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), VALIDATION, expression, "crf.item.validation.invalid");
        return;
      }
      if (name.equals("range")
          && new BigDecimal(args.get(0).strip()).compareTo(new BigDecimal(args.get(1).strip())) > 0) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), VALIDATION, expression, "crf.item.validation.rangeOrder");
        return;
      }
    } else {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), VALIDATION, expression, "crf.item.validation.invalid");
      return;
    }
    item.validation = new ItemValidation(expression, message);
  }

  private void checkCalculation(
      RawRow row, ItemEntry item, Map<String, ItemEntry> byName, Map<String, GroupEntry> groups) {
    if (item.calculation == null || item.responseType == null) {
      return;
    }
    String expr = item.calculation;
    if (item.responseType == ResponseType.INSTANT_CALCULATION) {
      Matcher m = INSTANT.matcher(expr);
      if (!m.matches()) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
            "crf.item.calculation.syntax");
      } else if (!byName.containsKey(m.group(1)) || m.group(1).equals(item.name)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
            "crf.item.calculation.unknownItem", m.group(1));
      }
      return;
    }
    if (item.dataType != null && !item.dataType.numeric()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), DATA_TYPE, item.dataType.name(),
          "crf.item.calculation.dataType");
    }
    Matcher prefix = Pattern.compile("func\\s*:(.*)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(expr);
    if (!prefix.matches() || !balanced(prefix.group(1)) || prefix.group(1).isBlank()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
          "crf.item.calculation.syntax");
      return;
    }
    boolean group = item.responseType == ResponseType.GROUP_CALCULATION;
    for (Token token : tokens(prefix.group(1))) {
      if (token.function) {
        Set<String> allowed = group ? GROUP_CALCULATION_FUNCTIONS : CALCULATION_FUNCTIONS;
        if (!allowed.contains(token.text.toLowerCase(Locale.ROOT))) {
          add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
              "crf.item.calculation.function", token.text);
        }
        continue;
      }
      ItemEntry ref = byName.get(token.text);
      if (ref == null || ref == item) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
            "crf.item.calculation.unknownItem", token.text);
      } else if (ref.dataType != null && !ref.dataType.numeric()) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
            "crf.item.calculation.notNumeric", token.text);
      } else if (group && !(groups.containsKey(ref.group) && groups.get(ref.group).definition.layout().repeating())) {
        add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), RESPONSE_VALUES_OR_CALCULATIONS, expr,
            "crf.item.groupCalculation.notRepeating", token.text);
      }
    }
  }

  private record Token(String text, boolean function) {}

  /** The names in a calculation: item names, and function names (those followed by "("). */
  private static List<Token> tokens(String expr) {
    List<Token> result = new ArrayList<>();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '\'' || c == '"') {
        int end = expr.indexOf(c, i + 1);
        i = end < 0 ? expr.length() : end + 1;
      } else if (Character.isDigit(c) || c == '.') {
        while (i < expr.length()
            && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
          i++;
        }
        int j = i;
        while (j < expr.length() && Character.isWhitespace(expr.charAt(j))) {
          j++;
        }
        boolean function = j < expr.length() && expr.charAt(j) == '(';
        result.add(new Token(expr.substring(start, i), function));
      } else {
        i++;
      }
    }
    return result;
  }

  private static boolean balanced(String expr) {
    int depth = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  private void readConditionalDisplay(RawRow row, ItemEntry item, Map<String, ItemEntry> byName) {
    String text = row.trimmed(SIMPLE_CONDITIONAL_DISPLAY);
    if (text.isEmpty()) {
      return;
    }
    String[] parts = text.split(",", 3);
    if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), SIMPLE_CONDITIONAL_DISPLAY, text, "crf.item.scd.format");
      return;
    }
    String control = parts[0].strip();
    String value = parts[1].strip();
    String message = parts.length > 2 ? parts[2].strip() : null;
    ItemEntry target = byName.get(control);
    if (target == null || target == item) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), SIMPLE_CONDITIONAL_DISPLAY, text,
          "crf.item.scd.itemUnknown", control);
      return;
    }
    if (target.responseType != null && !target.responseType.hasOptions()) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), SIMPLE_CONDITIONAL_DISPLAY, text,
          "crf.item.scd.noOptions", control);
      return;
    }
    if (target.responseSet != null
        && target.responseSet.options().stream().noneMatch(o -> o.value().equals(value))) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), SIMPLE_CONDITIONAL_DISPLAY, text,
          "crf.item.scd.valueUnknown", value, control);
      return;
    }
    if (!Objects.equals(target.section, item.section)) {
      add(Severity.ERROR, TemplateSheet.ITEMS, row.number(), SIMPLE_CONDITIONAL_DISPLAY, text,
          "crf.item.scd.otherSection", control);
      return;
    }
    if (!item.hidden) {
      add(Severity.WARNING, TemplateSheet.ITEMS, row.number(), SIMPLE_CONDITIONAL_DISPLAY, text,
          "crf.item.scd.notHidden");
    }
    item.scd = new ConditionalDisplay(control, value, message);
  }

  // ---------------------------------------------------------------- earlier versions

  private void checkAgainstPrior(PriorCrf prior, CrfHeader header, List<ItemEntry> items) {
    if (header.version != null
        && prior.versionNames().stream().anyMatch(v -> v.equalsIgnoreCase(header.version))) {
      add(Severity.ERROR, TemplateSheet.CRF, header.row, VERSION, header.version,
          "crf.version.exists", prior.name());
    }
    for (ItemEntry item : items) {
      PriorCrf.PriorItem before = item.name == null ? null : prior.items().get(item.name);
      if (before == null) {
        continue;
      }
      if (item.dataType != null && before.dataType() != null && item.dataType != before.dataType()
          && !(before.dataType() == ItemDataType.DATE && item.dataType == ItemDataType.PDATE)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, item.row, DATA_TYPE, item.dataType.name(),
            "crf.item.dataType.changed", item.name, before.dataType().name());
      }
      if (!Objects.equals(blankToNull(item.units), blankToNull(before.units()))) {
        add(Severity.ERROR, TemplateSheet.ITEMS, item.row, UNITS, item.units,
            "crf.item.units.changed", item.name, Objects.toString(before.units(), ""));
      }
      if (before.groupLabel() != null && !before.groupLabel().equals(item.group)) {
        add(Severity.ERROR, TemplateSheet.ITEMS, item.row, ITEM_GROUP_LABEL, item.group,
            "crf.item.group.changed", item.name, before.groupLabel());
      }
      if (item.responseSet != null && !before.options().isEmpty()) {
        Map<String, String> textToValueBefore = new HashMap<>();
        before.options().forEach((v, t) -> textToValueBefore.putIfAbsent(t, v));
        for (ResponseOption o : item.responseSet.options()) {
          String oldText = before.options().get(o.value());
          if (oldText != null && !oldText.equals(o.text())) {
            add(Severity.ERROR, TemplateSheet.ITEMS, item.row, RESPONSE_OPTIONS_TEXT, o.text(),
                "crf.item.option.meaningChanged", item.name, o.value(), oldText);
            continue;
          }
          String oldValue = textToValueBefore.get(o.text());
          if (oldText == null && oldValue != null && !oldValue.equals(o.value())) {
            add(Severity.ERROR, TemplateSheet.ITEMS, item.row, RESPONSE_VALUES_OR_CALCULATIONS, o.value(),
                "crf.item.option.valueChanged", item.name, o.text(), oldValue);
          }
        }
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  // ---------------------------------------------------------------- building

  private CrfDefinition build(
      CrfHeader header, Map<String, SectionEntry> sections, Map<String, GroupEntry> groups, List<ItemEntry> items) {
    List<GroupDefinition> groupDefs = new ArrayList<>();
    Set<String> used = new HashSet<>();
    items.forEach(i -> used.add(i.group));
    if (used.contains(GroupDefinition.UNGROUPED) && !groups.containsKey(GroupDefinition.UNGROUPED)) {
      groupDefs.add(GroupDefinition.ungrouped());
    }
    groups.values().forEach(g -> groupDefs.add(g.definition));
    List<ItemDefinition> itemDefs = new ArrayList<>();
    int ordinal = 1;
    for (ItemEntry i : items) {
      itemDefs.add(new ItemDefinition(
          ordinal++, i.name, i.description, i.leftText, i.units == null ? null : i.units.strip(),
          i.rightText, i.section, i.group, i.header, i.subheader, i.parent, i.column, i.page,
          i.question, i.responseType, i.responseSet, i.calculation, i.layout, i.defaultValue,
          i.dataType, i.widthDecimal, i.width, i.decimals, i.validation, i.phi, i.required,
          i.hidden, i.scd));
    }
    return new CrfDefinition(
        header.name, header.version, header.description, header.notes,
        sections.values().stream().map(SectionEntry::definition).toList(), groupDefs, itemDefs);
  }

  // ---------------------------------------------------------------- cell helpers

  /** A required, plain (no markup) name such as CRF_NAME or SECTION_LABEL, stripped. */
  private String plainName(RawSheet sheet, RawRow row, TemplateColumn column, int max) {
    String value = text(sheet, row, column, max, true);
    if (value == null) {
      return null;
    }
    value = value.strip();
    if (hasMarkup(value)) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.value.markup");
      return null;
    }
    return value;
  }

  private static boolean hasMarkup(String value) {
    return value.indexOf('<') >= 0 || value.indexOf('>') >= 0;
  }

  /** The cell's text (null if blank), checked for length and control characters. */
  private String text(RawSheet sheet, RawRow row, TemplateColumn column, int max, boolean required) {
    String value = row.get(column);
    if (value.isBlank()) {
      if (required) {
        required(sheet, row, column);
      }
      return null;
    }
    if (!clean(value)) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.value.controlCharacters");
      return null;
    }
    if (value.codePointCount(0, value.length()) > max) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.value.tooLong", String.valueOf(max));
      return null;
    }
    return value;
  }

  /** A text that may hold simple HTML: checked, then sanitised; a warning if script was in it. */
  private String html(RawRow row, TemplateColumn column, int max) {
    String value = row.get(column);
    if (value.isBlank()) {
      return null;
    }
    if (!clean(value)) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.value.controlCharacters");
      return null;
    }
    if (value.codePointCount(0, value.length()) > max) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.value.tooLong", String.valueOf(max));
      return null;
    }
    if (SafeHtml.hasActiveContent(value)) {
      add(Severity.WARNING, column.sheet(), row.number(), column, value, "crf.markup.removed");
    }
    return SafeHtml.sanitise(value);
  }

  /** No control characters other than tab and line breaks, and no broken surrogate pairs. */
  private static boolean clean(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)
          || c == '\uFFFE' || c == '\uFFFF') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private void required(RawSheet sheet, RawRow row, TemplateColumn column) {
    if (sheet.has(column)) {
      add(Severity.ERROR, column.sheet(), row.number(), column, null, "crf.value.required");
    }
  }

  private Integer positiveInteger(RawRow row, TemplateColumn column, String key) {
    String value = row.trimmed(column);
    if (value.isEmpty()) {
      return null;
    }
    if (!INTEGER.matcher(value).matches() || value.length() > 9 || Integer.parseInt(value) < 1) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, key);
      return null;
    }
    return Integer.parseInt(value);
  }

  private Integer nonNegativeInteger(RawRow row, TemplateColumn column) {
    String value = row.trimmed(column);
    if (value.isEmpty()) {
      return null;
    }
    if (!INTEGER.matcher(value).matches() || value.length() > 9 || Integer.parseInt(value) < 0) {
      add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.value.notInteger");
      return null;
    }
    return Integer.parseInt(value);
  }

  private boolean flag(RawRow row, TemplateColumn column) {
    String value = row.trimmed(column);
    switch (value) {
      case "", "0" -> {
        return false;
      }
      case "1" -> {
        return true;
      }
      default -> {
        add(Severity.ERROR, column.sheet(), row.number(), column, value, "crf.item.flag.invalid");
        return false;
      }
    }
  }

  private Boolean displayStatus(TemplateSheet sheet, RawRow row, TemplateColumn column) {
    String value = row.trimmed(column);
    if (value.isEmpty() || value.equalsIgnoreCase("SHOW")) {
      return false;
    }
    if (value.equalsIgnoreCase("HIDE")) {
      return true;
    }
    add(Severity.ERROR, sheet, row.number(), column, value, "crf.value.displayStatus.unknown");
    return null;
  }

  /** Whether a value (already stripped) is valid for the data type. */
  static boolean fits(String value, ItemDataType type) {
    return switch (type) {
      case ST, FILE -> true;
      case INT -> INTEGER.matcher(value).matches();
      case REAL -> DECIMAL.matcher(value).matches();
      case DATE -> isDate(value);
      case PDATE -> isDate(value) || value.matches("\\d{4}(-\\d{2})?");
    };
  }

  private static boolean isDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private void add(Severity severity, TemplateSheet sheet, Integer row, TemplateColumn column,
      String value, String key, String... args) {
    problems.add(new TemplateProblem(
        severity, sheet.sheetName(), row, column == null ? null : column.header(), value, key, List.of(args)));
  }

  private static int sheetOrder(String sheet) {
    if (sheet == null) {
      return -1;
    }
    for (TemplateSheet s : TemplateSheet.values()) {
      if (s.sheetName().equals(sheet)) {
        return s.ordinal();
      }
    }
    return 99;
  }

  private static int columnOrder(String sheet, String column) {
    if (column == null) {
      return -1;
    }
    for (TemplateColumn c : TemplateColumn.values()) {
      if (c.header().equals(column) && c.sheet().sheetName().equals(sheet)) {
        return c.ordinal();
      }
    }
    return 999;
  }
}
