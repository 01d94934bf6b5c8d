package jp.ac.umin.libreclinica.core.odm;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDataType;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseSetDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.crf.definition.SectionDefinition;
import jp.ac.umin.libreclinica.core.design.EventCrfDesign;
import jp.ac.umin.libreclinica.core.design.EventDesign;
import jp.ac.umin.libreclinica.core.design.StudyDesign;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.oid.Oids;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.SubjectGroup;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;

/**
 * Writes one Study element with its MetaDataVersion. Items and item groups are shared by the
 * versions of a CRF: as LibreClinica does, each is written once (its definition taken from the
 * first form that uses it) and its per-form layout goes into OpenClinica:ItemDetails /
 * ItemGroupDetails.
 */
final class MetadataWriter {

  private static final Pattern FUNC =
      Pattern.compile("(?i)\\s*func:\\s*(range|gt|lt|gte|lte|eq|ne)\\s*\\((.*)\\)\\s*");
  private static final String OC = OdmNamespaces.OPENCLINICA;
  private static final String OCP = OdmNamespaces.OPENCLINICA_PREFIX;

  private final OdmWriter w;
  private final StudyDesign design;
  private final OdmExportOptions options;

  /** The forms written (CRF versions), with the events that use each. */
  private final Map<String, Form> forms = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, ItemUse> items = new LinkedHashMap<>();
  private final Map<String, String> unitOids = new LinkedHashMap<>();
  private final Map<ListKey, String> codeLists = new LinkedHashMap<>();
  private final Map<ListKey, String> multiSelectLists = new LinkedHashMap<>();

  private record Presence(EventDesign event, EventCrfDesign crf) {}

  private record Form(CrfVersionDetail version, List<Presence> presence) {}

  private record Placement(String formOid, ItemDefinition item, int orderInForm) {}

  private record GroupPlacement(String formOid, GroupDefinition group) {}

  private static final class Group {
    final String oid;
    final GroupDefinition first;
    final Map<String, Boolean> itemRefs = new LinkedHashMap<>();
    final List<GroupPlacement> placements = new ArrayList<>();

    Group(String oid, GroupDefinition first) {
      this.oid = oid;
      this.first = first;
    }
  }

  private static final class ItemUse {
    final String oid;
    final ItemDefinition first;
    final List<Placement> placements = new ArrayList<>();
    String codeListOid;
    String multiSelectListOid;

    ItemUse(String oid, ItemDefinition first) {
      this.oid = oid;
      this.first = first;
    }
  }

  /** Response sets are written once per label, options and data type. */
  private record ListKey(String label, List<ResponseOption> options, String dataType) {}

  MetadataWriter(OdmWriter w, StudyDesign design, OdmExportOptions options) {
    this.w = w;
    this.design = design;
    this.options = options;
  }

  /**
   * The MeasurementUnit OIDs the metadata of {@code design} gives each unit text, so that
   * ClinicalData refers to the same units.
   */
  static Map<String, String> unitOidsOf(StudyDesign design) {
    MetadataWriter m = new MetadataWriter(null, design, OdmExportOptions.libreClinica());
    m.collect();
    return Map.copyOf(m.unitOids);
  }

  void write() {
    collect();
    Study study = design.study();
    w.start("Study").attribute("OID", study.getOid());
    globalVariables(w, design.details());
    basicDefinitions();
    w.start("MetaDataVersion")
        .attribute("OID", OdmMetadataExporter.metaDataVersionOid(study))
        .attribute("Name", "MetaDataVersion_" + OdmMetadataExporter.METADATA_VERSION);
    protocol();
    design.events().stream().filter(this::exported).forEach(this::studyEventDef);
    forms.values().forEach(this::formDef);
    groups.values().forEach(this::itemGroupDef);
    items.values().forEach(this::itemDef);
    codeLists.forEach(this::codeList);
    if (options.extensions()) {
      multiSelectLists.forEach(this::multiSelectList);
      design.groupClasses().stream()
          .filter(c -> !c.getStatus().isRemoved())
          .forEach(this::groupClass);
      studyDetails(w, study, design.details(), design.parameters());
    }
    w.end().end();
  }

  /** A site's Study in a study's file: its own details, the study's MetaDataVersion included. */
  static void writeSiteIncludingParent(OdmWriter w, Study parent, Study site, OdmExportOptions options) {
    StudyDetails details = site.details();
    w.start("Study").attribute("OID", site.getOid());
    globalVariables(w, details);
    w.start("MetaDataVersion")
        .attribute("OID", OdmMetadataExporter.metaDataVersionOid(site))
        .attribute("Name", "MetaDataVersion_" + OdmMetadataExporter.METADATA_VERSION);
    w.start("Include")
        .attribute("StudyOID", parent.getOid())
        .attribute("MetaDataVersionOID", OdmMetadataExporter.metaDataVersionOid(parent))
        .end();
    if (options.extensions()) {
      studyDetails(w, site, details, site.getParameters());
    }
    w.end().end();
  }

  // ---------------------------------------------------------------- collecting

  /** ODM needs at least one FormRef per StudyEventDef: events without usable CRFs are left out. */
  private boolean exported(EventDesign e) {
    return e.available() && !e.usableCrfs().isEmpty();
  }

  private void collect() {
    for (EventDesign e : design.events()) {
      if (!exported(e)) {
        continue;
      }
      for (EventCrfDesign c : e.usableCrfs()) {
        for (CrfVersionDetail v : c.versions()) {
          forms.computeIfAbsent(v.version().oid(), k -> new Form(v, new ArrayList<>()))
              .presence().add(new Presence(e, c));
        }
      }
    }
    for (Form f : forms.values()) {
      CrfVersionDetail v = f.version();
      String formOid = v.version().oid();
      for (GroupDefinition g : v.definition().groups()) {
        String oid = v.groupOids().get(g.label());
        groups.computeIfAbsent(oid, k -> new Group(oid, g)).placements.add(new GroupPlacement(formOid, g));
      }
      int order = 1;
      for (ItemDefinition i : v.definition().items()) {
        String oid = v.itemOids().get(i.name());
        ItemUse use = items.computeIfAbsent(oid, k -> new ItemUse(oid, i));
        use.placements.add(new Placement(formOid, i, order++));
        groups.get(v.groupOids().get(i.groupLabel())).itemRefs.putIfAbsent(oid, i.required());
        if (i.units() != null && !i.units().isBlank()) {
          unitOids.computeIfAbsent(i.units().strip(),
              u -> Oids.uniqueOid("MU_" + stemOrOne(u), new HashSet<>(unitOids.values())::contains));
        }
      }
    }
    for (ItemUse use : items.values()) {
      ItemDefinition i = use.first;
      ResponseSetDefinition set = i.responseSet();
      if (set == null || i.responseType() == null || !i.responseType().hasOptions()) {
        continue;
      }
      ListKey key = new ListKey(set.label(), set.options(), codeListType(i.dataType()));
      if (i.responseType().multiple()) {
        if (options.extensions()) {
          use.multiSelectListOid = multiSelectLists.computeIfAbsent(key,
              k -> Oids.uniqueOid("MSL_" + stemOrOne(k.label()), taken(multiSelectLists)));
        }
      } else {
        use.codeListOid = codeLists.computeIfAbsent(key,
            k -> Oids.uniqueOid("CL_" + stemOrOne(k.label()), taken(codeLists)));
      }
    }
  }

  private static java.util.function.Predicate<String> taken(Map<ListKey, String> lists) {
    Set<String> oids = new HashSet<>(lists.values());
    return oids::contains;
  }

  private static String stemOrOne(String name) {
    String stem = Oids.stem(name, 30);
    return stem.isEmpty() ? "1" : stem;
  }

  // ---------------------------------------------------------------- ODM

  private static void globalVariables(OdmWriter w, StudyDetails d) {
    w.start("GlobalVariables")
        .element("StudyName", d.name())
        .element("StudyDescription", nullToEmpty(d.description()))
        .element("ProtocolName", d.protocolId())
        .end();
  }

  private void basicDefinitions() {
    if (unitOids.isEmpty()) {
      return;
    }
    w.start("BasicDefinitions");
    unitOids.forEach((unit, oid) ->
        w.start("MeasurementUnit").attribute("OID", oid).attribute("Name", unit)
            .translated("Symbol", unit)
            .end());
    w.end();
  }

  private void protocol() {
    List<EventDesign> exported = design.events().stream().filter(this::exported).toList();
    if (exported.isEmpty()) {
      return;
    }
    w.start("Protocol");
    int order = 1;
    for (EventDesign e : exported) {
      w.start("StudyEventRef")
          .attribute("StudyEventOID", e.definition().getOid())
          .attribute("OrderNumber", String.valueOf(order++))
          .yesNo("Mandatory", true)
          .end();
    }
    w.end();
  }

  private void studyEventDef(EventDesign e) {
    StudyEventDefinition d = e.definition();
    w.start("StudyEventDef")
        .attribute("OID", d.getOid())
        .attribute("Name", d.getName())
        .yesNo("Repeating", d.isRepeating())
        .attribute("Type", capitalised(d.getType().code()));
    for (EventCrfDesign c : e.usableCrfs()) {
      for (CrfVersionDetail v : c.versions()) {
        w.start("FormRef")
            .attribute("FormOID", v.version().oid())
            .yesNo("Mandatory", c.parameters().isRequired())
            .end();
      }
    }
    if (options.extensions() && (hasText(d.getDescription()) || hasText(d.getCategory()))) {
      w.startExtension("EventDefinitionDetails").attribute("StudyEventOID", d.getOid())
          .extensionElement("Description", blankToNull(d.getDescription()))
          .extensionElement("Category", blankToNull(d.getCategory()))
          .end();
    }
    w.end();
  }

  private void formDef(Form f) {
    CrfVersionDetail v = f.version();
    String formOid = v.version().oid();
    w.start("FormDef")
        .attribute("OID", formOid)
        .attribute("Name", v.crfName() + " - " + v.version().name())
        .yesNo("Repeating", false);
    for (GroupDefinition g : v.definition().groups()) {
      boolean mandatory = v.definition().items().stream()
          .anyMatch(i -> i.groupLabel().equals(g.label()) && i.required());
      w.start("ItemGroupRef")
          .attribute("ItemGroupOID", v.groupOids().get(g.label()))
          .yesNo("Mandatory", mandatory)
          .end();
    }
    if (options.extensions()) {
      w.startExtension("FormDetails")
          .attribute("FormOID", formOid)
          .attribute("ParentFormOID", v.crfOid())
          .extensionElement("VersionDescription", blankToNull(v.definition().versionDescription()))
          .extensionElement("RevisionNotes", blankToNull(v.definition().revisionNotes()));
      for (Presence p : f.presence()) {
        var params = p.crf().parameters();
        w.startExtension("PresentInEventDefinition")
            .attribute("StudyEventOID", p.event().definition().getOid())
            .yesNo("IsDefaultVersion", p.crf().isDefault(v.version().id()))
            .yesNo("PasswordRequired", params.isElectronicSignature())
            .yesNo("DoubleDataEntry", params.isDoubleDataEntry())
            .yesNo("HideCRF", params.isHideFromSites())
            .attribute("SourceDataVerification", sdv(params.getSdvRequirement()))
            .end();
      }
      if (options.additions()) {
        // LibreClinica writes SectionDetails first; the schema can only take it last (docs/odm.md)
        w.startExtension("SectionDetails");
        for (SectionDefinition s : v.definition().sections()) {
          w.startExtension("Section")
              .attribute("SectionLabel", s.label())
              .attribute("SectionTitle", nullToEmpty(s.title()))
              .attribute("SectionSubtitle", nullToEmpty(s.subtitle()))
              .attribute("SectionInstructions", nullToEmpty(s.instructions()))
              .attribute("SectionPageNumber", nullToEmpty(s.pageNumber()))
              .end();
        }
        w.end();
      }
      w.end();
    }
    w.end();
  }

  private void itemGroupDef(Group g) {
    w.start("ItemGroupDef")
        .attribute("OID", g.oid)
        .attribute("Name", g.first.implicit() ? g.oid : g.first.label())
        .yesNo("Repeating", g.first.layout().repeating());
    int order = 1;
    for (Map.Entry<String, Boolean> ref : g.itemRefs.entrySet()) {
      w.start("ItemRef")
          .attribute("ItemOID", ref.getKey())
          .attribute("OrderNumber", String.valueOf(order++))
          .yesNo("Mandatory", ref.getValue())
          .end();
    }
    if (options.extensions()) {
      w.startExtension("ItemGroupDetails").attribute("ItemGroupOID", g.oid);
      for (GroupPlacement p : g.placements) {
        GroupDefinition def = p.group();
        w.startExtension("PresentInForm")
            .attribute("FormOID", p.formOid())
            .yesNo("ShowGroup", !def.hidden());
        w.startExtension("ItemGroupRepeat")
            .attribute("RepeatNumber", String.valueOf(def.repeatNumber()))
            .attribute("RepeatMax", String.valueOf(def.repeatMax()))
            .end();
        w.extensionElement("ItemGroupHeader", blankToNull(def.header()));
        w.end();
      }
      w.end();
    }
    w.end();
  }

  private void itemDef(ItemUse use) {
    ItemDefinition i = use.first;
    w.start("ItemDef")
        .attribute("OID", use.oid)
        .attribute("Name", i.name())
        .attribute("DataType", dataType(i.dataType()))
        .attribute("Length", length(i))
        .attribute("SignificantDigits", significantDigits(i))
        .attribute("Comment", blankToNull(i.description()));
    if (options.extensions()) {
      w.attribute(OCP, OC, "FormOIDs",
          String.join(",", use.placements.stream().map(Placement::formOid).distinct().toList()));
    }
    if (hasText(i.leftText())) {
      w.start("Question");
      if (options.extensions() && hasText(i.questionNumber())) {
        w.attribute(OCP, OC, "QuestionNumber", i.questionNumber());
      }
      w.start("TranslatedText").text(i.leftText()).end().end();
    }
    String unitOid = hasText(i.units()) ? unitOids.get(i.units().strip()) : null;
    if (unitOid != null) {
      w.start("MeasurementUnitRef").attribute("MeasurementUnitOID", unitOid).end();
    }
    rangeChecks(i, unitOid);
    if (use.codeListOid != null) {
      w.start("CodeListRef").attribute("CodeListOID", use.codeListOid).end();
    }
    if (options.extensions()) {
      if (use.multiSelectListOid != null) {
        w.startExtension("MultiSelectListRef").attribute("MultiSelectListID", use.multiSelectListOid).end();
      }
      itemDetails(use);
    }
    w.end();
  }

  private void rangeChecks(ItemDefinition i, String unitOid) {
    if (i.validation() == null || i.validation().expression() == null) {
      return;
    }
    Matcher m = FUNC.matcher(i.validation().expression());
    if (!m.matches()) {
      return; // regexp checks have no ODM RangeCheck
    }
    String function = m.group(1).toLowerCase(Locale.ROOT);
    String[] args = m.group(2).split(",");
    if (function.equals("range")) {
      if (args.length == 2) {
        rangeCheck("GE", args[0], unitOid, i.validation().message());
        rangeCheck("LE", args[1], unitOid, i.validation().message());
      }
      return;
    }
    String comparator = switch (function) {
      case "gt" -> "GT";
      case "lt" -> "LT";
      case "gte" -> "GE";
      case "lte" -> "LE";
      case "eq" -> "EQ";
      default -> "NE";
    };
    rangeCheck(comparator, args[0], unitOid, i.validation().message());
  }

  private void rangeCheck(String comparator, String value, String unitOid, String message) {
    w.start("RangeCheck").attribute("Comparator", comparator).attribute("SoftHard", "Hard");
    w.element("CheckValue", value.strip());
    if (unitOid != null) {
      w.start("MeasurementUnitRef").attribute("MeasurementUnitOID", unitOid).end();
    }
    if (hasText(message)) {
      w.translated("ErrorMessage", message);
    }
    w.end();
  }

  private void itemDetails(ItemUse use) {
    w.startExtension("ItemDetails").attribute("ItemOID", use.oid);
    for (Placement p : use.placements) {
      ItemDefinition i = p.item();
      w.startExtension("ItemPresentInForm")
          .attribute("FormOID", p.formOid())
          .attribute("ParentItemOID", i.parentItem() == null ? null : itemOid(p.formOid(), i.parentItem()))
          .attribute("ColumnNumber", i.columnNumber() == null ? null : String.valueOf(i.columnNumber()))
          .attribute("PageNumber", blankToNull(i.pageNumber()))
          .attribute("DefaultValue", blankToNull(i.defaultValue()))
          .yesNo("PHI", i.phi())
          .yesNo("ShowItem", !i.hidden());
      if (options.additions()) {
        w.attribute("OrderInForm", String.valueOf(p.orderInForm()));
      }
      w.extensionElement("LeftItemText", blankToNull(i.leftText()))
          .extensionElement("RightItemText", blankToNull(i.rightText()))
          .extensionElement("ItemHeader", blankToNull(i.header()))
          .extensionElement("ItemSubHeader", blankToNull(i.subheader()))
          .extensionElement("SectionLabel", nullToEmpty(i.sectionLabel()));
      w.startExtension("ItemResponse")
          .attribute("ResponseType", i.responseType() == null ? "text" : i.responseType().code())
          .attribute("ResponseLayout",
              i.responseLayout() == null ? null : capitalised(i.responseLayout().name()))
          .end();
      if (i.conditionalDisplay() != null) {
        w.startExtension("SimpleConditionalDisplay")
            .extensionElement("ControlItemName", i.conditionalDisplay().controlItem())
            .extensionElement("OptionValue", nullToEmpty(i.conditionalDisplay().optionValue()))
            .extensionElement("Message", nullToEmpty(i.conditionalDisplay().message()))
            .end();
      }
      w.end();
    }
    w.end();
  }

  private String itemOid(String formOid, String itemName) {
    return forms.get(formOid).version().itemOids().get(itemName);
  }

  private void codeList(ListKey key, String oid) {
    w.start("CodeList").attribute("OID", oid).attribute("Name", key.label())
        .attribute("DataType", key.dataType());
    for (ResponseOption o : key.options()) {
      w.start("CodeListItem").attribute("CodedValue", o.value())
          .translated("Decode", o.text())
          .end();
    }
    w.end();
  }

  private void multiSelectList(ListKey key, String oid) {
    w.startExtension("MultiSelectList").attribute("ID", oid).attribute("Name", key.label())
        .attribute("DataType", "text").attribute("ActualDataType", key.dataType());
    for (ResponseOption o : key.options()) {
      w.startExtension("MultiSelectListItem").attribute("CodedOptionValue", o.value())
          .translated("Decode", o.text())
          .end();
    }
    w.end();
  }

  private void groupClass(SubjectGroupClass c) {
    w.startExtension("StudyGroupClassList")
        .attribute("ID", "SGC_" + c.getId())
        .attribute("Name", c.getName())
        .attribute("Type", groupClassType(c))
        .attribute("Status", c.getStatus().code())
        .attribute("SubjectAssignment", capitalised(c.getAssignment().name()));
    for (SubjectGroup g : c.getGroups()) {
      w.startExtension("StudyGroupItem")
          .attribute("Name", g.getName())
          .attribute("Description", nullToEmpty(g.getDescription()))
          .end();
    }
    w.end();
  }

  // ---------------------------------------------------------------- OpenClinica:StudyDetails

  private static void studyDetails(OdmWriter w, Study study, StudyDetails d, StudyParameters p) {
    LocalDate created = study.getCreatedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    w.startExtension("StudyDetails").attribute("StudyOID", study.getOid());
    // the schema requires a start date; a study without one gives the day it was created
    w.startExtension("StudyDescriptionAndStatus")
        .attribute("OfficialTitle", d.name())
        .attribute("SecondaryIDs", blankToNull(d.secondaryIds()))
        .attribute("DateCreated", created.toString())
        .attribute("StartDate", (d.startDate() == null ? created : d.startDate()).toString())
        .attribute("StudyCompletionDate",
            d.estimatedCompletionDate() == null ? null : d.estimatedCompletionDate().toString())
        .extensionElement("StudySytemStatus", study.getStatus().code())
        .extensionElement("PrincipalInvestigator", d.principalInvestigator())
        .extensionElement("DetailedDescription", blankToNull(d.description()))
        .extensionElement("Sponsor", nullToEmpty(d.sponsor()))
        .extensionElement("Collaborators", blankToNull(d.collaborators()))
        .extensionElement("StudyPhase", d.phase().code())
        .extensionElement("ProtocolType", capitalised(d.protocolType().code()))
        .extensionElement("ProtocolVerificationDate",
            d.protocolVerificationDate() == null ? null : d.protocolVerificationDate().toString())
        .extensionElement("Purpose", blankToNull(d.purpose()))
        .end();
    w.startExtension("ConditionsAndEligibility")
        .extensionElement("ExpectedTotalEnrollment", String.valueOf(d.expectedEnrollment()))
        .end();
    if (hasText(d.facilityName()) || hasText(d.facilityCity()) || hasText(d.facilityState())
        || hasText(d.facilityZip()) || hasText(d.facilityCountry()) || hasText(d.contactName())
        || hasText(d.contactPhone()) || hasText(d.contactEmail())) {
      w.startExtension("FacilityInformation")
          .extensionElement("FacilityName", blankToNull(d.facilityName()))
          .extensionElement("FacilityCity", blankToNull(d.facilityCity()))
          .extensionElement("FacilityState", blankToNull(d.facilityState()))
          .extensionElement("PostalCode", blankToNull(d.facilityZip()))
          .extensionElement("FacilityCountry", blankToNull(d.facilityCountry()))
          .extensionElement("FacilityContactName", blankToNull(d.contactName()))
          .extensionElement("FacilityContactPhone", blankToNull(d.contactPhone()))
          .extensionElement("FacilityContactEmail", blankToNull(d.contactEmail()))
          .end();
    }
    StudyParameterList.write(w, p);
    w.end();
  }

  // ---------------------------------------------------------------- mappings

  /** ST → text, INT → integer, REAL → float, DATE → date, PDATE → partialDate, FILE → text. */
  static String dataType(ItemDataType type) {
    if (type == null) {
      return "text";
    }
    return switch (type) {
      case INT -> "integer";
      case REAL -> "float";
      case DATE -> "date";
      case PDATE -> "partialDate";
      case ST, FILE -> "text";
    };
  }

  private static String codeListType(ItemDataType type) {
    String t = dataType(type);
    return t.equals("integer") || t.equals("float") ? t : "text";
  }

  /** The width when given, else LibreClinica's default for numbers (integer 10, float 25). */
  private static String length(ItemDefinition i) {
    if (i.width() != null && i.width() > 0) {
      return String.valueOf(i.width());
    }
    if (i.dataType() == ItemDataType.INT) {
      return "10";
    }
    if (i.dataType() == ItemDataType.REAL) {
      return "25";
    }
    return null;
  }

  private static String significantDigits(ItemDefinition i) {
    return i.dataType() == ItemDataType.REAL && i.decimals() != null
        ? String.valueOf(i.decimals()) : null;
  }

  /** LibreClinica's SourceDataVerification codes. */
  static String sdv(SdvRequirement r) {
    return switch (r) {
      case ALL -> "100percent_required";
      case PARTIAL -> "partial_required";
      case NOT_REQUIRED -> "not_required";
    };
  }

  private static String groupClassType(SubjectGroupClass c) {
    return switch (c.getType()) {
      case ARM -> "Arm";
      case FAMILY -> "Family/Pedigree";
      case DEMOGRAPHIC -> "Demographic";
      case OTHER -> "Other";
    };
  }

  private static String capitalised(String code) {
    String lower = code.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }

  private static String blankToNull(String s) {
    return hasText(s) ? s : null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
