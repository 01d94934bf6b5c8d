package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import jp.ac.umin.libreclinica.core.odm.OdmNamespaces;

/**
 * A full ODM 1.3 extract of LibreClinica / OpenClinica 3 read for the whole-study import: the
 * parent study and its sites, the metadata turned into what the study-build services take
 * ({@link CrfDefinition}s per FormDef, event definitions), the clinical data, AdminData users,
 * and what cannot be carried ({@link NotCarried}). Only reads; creates nothing.
 */
final class StudyExtract {

  static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";
  static final String OC = OdmNamespaces.OPENCLINICA;
  static final String RULES = "http://www.openclinica.org/ns/rules/v3.1";

  /** OpenClinica extension elements this import reads or knowingly leaves (reported elsewhere). */
  private static final Set<String> KNOWN_OC = Set.of(
      "StudyDetails", "StudyDescriptionAndStatus", "StudySytemStatus", "StudySystemStatus",
      "PrincipalInvestigator", "DetailedDescription", "Sponsor", "Collaborators", "StudyPhase",
      "ProtocolType", "Purpose", "Duration", "Selection", "Timing", "ConditionsAndEligibility",
      "Conditions", "Keywords", "EligibilityCriteria", "Sex", "Age", "HealthyVolunteersAccepted",
      "ExpectedTotalEnrollment", "FacilityInformation", "FacilityName", "FacilityCity",
      "FacilityState", "PostalCode", "FacilityCountry", "FacilityContactName",
      "FacilityContactDegree", "FacilityContactPhone", "FacilityContactEmail", "RelatedInformation",
      "MEDLINEIdentifier", "ResultsReference", "URLReference", "URLDescription",
      "StudyParameterConfiguration", "StudyParameterListRef", "StudyParameterList",
      "StudyParameterListItem", "StudyGroupClassList", "StudyGroupItem", "EventDefinitionDetails",
      "Category", "Description", "FormDetails", "SectionDetails", "Section", "VersionDescription",
      "RevisionNotes", "PresentInEventDefinition", "ItemGroupDetails", "PresentInForm",
      "ItemGroupRepeat", "ItemGroupHeader", "ItemDetails", "ItemPresentInForm", "LeftItemText",
      "RightItemText", "ItemHeader", "ItemSubHeader", "SectionLabel", "ItemResponse",
      "SimpleConditionalDisplay", "ControlItemName", "OptionValue", "Message", "MultiSelectList",
      "MultiSelectListItem", "MultiSelectListRef", "SubjectGroupData", "AuditLogs", "AuditLog",
      "DiscrepancyNotes", "DiscrepancyNote", "ChildNote", "DetailedNote", "Signatures",
      "Signature", "Rules", "RuleDef", "RuleAssignment", "Target", "RuleRef", "Expression",
      "Run", "Action", "DiscrepancyNoteAction", "EmailAction", "ShowAction", "HideAction",
      "InsertAction", "RuleImport");

  record StudyX(String oid, String name, String rawName, String protocolId, String description,
      XNode details, int line) {}

  record EventX(String oid, String name, boolean repeating, String type, String category,
      String description, List<String> formOids, Map<String, Boolean> mandatory, int line) {}

  record PresentInEvent(String eventOid, boolean defaultVersion, boolean passwordRequired,
      boolean doubleDataEntry, boolean hide, String sdv) {}

  record FormX(String oid, String crfName, String versionName, String parentOid,
      CrfDefinition definition, Map<String, String> groupOids, Map<String, String> itemOids,
      Map<String, String> groupLabelsByOid, Map<String, String> itemNamesByOid,
      List<PresentInEvent> presentIn, int line) {}

  record UserX(String oid, String fullName) {}

  final XNode root;
  final String fileName;
  StudyX study;
  final List<StudyX> sites = new ArrayList<>();
  final Map<String, String> unitNames = new LinkedHashMap<>();
  final List<EventX> events = new ArrayList<>();
  final Map<String, FormX> forms = new LinkedHashMap<>();
  final Map<String, UserX> users = new HashMap<>();
  final List<XNode> groupClasses = new ArrayList<>();
  final List<XNode> clinicalData = new ArrayList<>();
  final List<NotCarried> notCarried = new ArrayList<>();
  int itemDefs;
  int subjects;
  int studyEvents;
  int formData;
  int values;
  int notes;
  int auditLogs;

  private StudyExtract(XNode root, String fileName) {
    this.root = root;
    this.fileName = fileName;
  }

  /** Reads the extract; throws {@link StudyImportException} when it cannot become a study. */
  static StudyExtract read(byte[] bytes, String fileName) {
    XNode root = ExtractReader.read(bytes);
    if (!"ODM".equals(root.name) || !ODM.equals(root.ns)) {
      throw new StudyImportException("studyimport.notOdm", root.line, root.name);
    }
    StudyExtract x = new StudyExtract(root, fileName);
    x.interpret();
    return x;
  }

  StudyImportCounts counts() {
    Set<String> crfNames = new HashSet<>();
    forms.values().forEach(f -> crfNames.add(f.crfName().toLowerCase(Locale.ROOT)));
    return new StudyImportCounts(sites.size(), events.size(), crfNames.size(), forms.size(), itemDefs,
        subjects, studyEvents, formData, values, notes, auditLogs);
  }

  private void notCarried(XNode at, String oid, String key, String argument) {
    notCarried.add(new NotCarried(at == null ? 0 : at.line, at == null ? "" : prefixed(at), oid, key, argument));
  }

  static String prefixed(XNode n) {
    if (OC.equals(n.ns)) {
      return "OpenClinica:" + n.name;
    }
    if (RULES.equals(n.ns)) {
      return "OpenClinicaRules:" + n.name;
    }
    return n.name;
  }

  private void interpret() {
    List<XNode> studies = root.all("Study");
    XNode parent = null;
    for (XNode s : studies) {
      XNode mdv = s.child("MetaDataVersion");
      if (mdv != null && mdv.child("Include") == null) {
        parent = s;
        break;
      }
    }
    if (parent == null) {
      throw new StudyImportException("studyimport.noMetadata", root.line);
    }
    XNode mdv = parent.child("MetaDataVersion");
    if (mdv.all("StudyEventDef").isEmpty() || mdv.all("FormDef").isEmpty()) {
      throw new StudyImportException("studyimport.noMetadata", mdv.line);
    }
    study = studyOf(parent, null, mdv);
    if (study.protocolId() == null || study.name() == null) {
      throw new StudyImportException("studyimport.noProtocol", parent.line, parent.attr("OID"));
    }
    for (XNode s : studies) {
      XNode smdv = s.child("MetaDataVersion");
      XNode include = smdv == null ? null : smdv.child("Include");
      if (s == parent) {
        continue;
      }
      if (include != null && study.oid().equals(include.attr("StudyOID"))) {
        sites.add(studyOf(s, study, smdv));
      } else {
        notCarried(s, s.attr("OID"), "studyimport.nc.otherStudy", null);
      }
    }
    XNode basic = parent.child("BasicDefinitions");
    if (basic != null) {
      for (XNode u : basic.all("MeasurementUnit")) {
        unitNames.put(u.attr("OID"), u.attr("Name") != null ? u.attr("Name") : u.translated("Symbol"));
      }
    }
    readMetadata(mdv);
    for (XNode admin : root.all("AdminData")) {
      for (XNode u : admin.all("User")) {
        String full = u.childText("FullName");
        if (full == null) {
          full = ((u.childText("FirstName") == null ? "" : u.childText("FirstName")) + " "
              + (u.childText("LastName") == null ? "" : u.childText("LastName"))).strip();
        }
        users.put(u.attr("OID"), new UserX(u.attr("OID"), full.isEmpty() ? u.attr("OID") : full));
        notCarried(u, u.attr("OID"), "studyimport.nc.user", full);
      }
    }
    Set<String> studyOids = new HashSet<>();
    studyOids.add(study.oid());
    sites.forEach(s -> studyOids.add(s.oid()));
    for (XNode cd : root.all("ClinicalData")) {
      if (!studyOids.contains(cd.attr("StudyOID"))) {
        notCarried(cd, cd.attr("StudyOID"), "studyimport.nc.otherStudy", null);
        continue;
      }
      clinicalData.add(cd);
      countClinical(cd);
    }
    warnUnknown(root, new HashSet<>());
  }

  private StudyX studyOf(XNode s, StudyX parent, XNode mdv) {
    XNode gv = s.child("GlobalVariables");
    String rawName = gv == null ? null : gv.child("StudyName") == null ? null : rawText(gv.child("StudyName"));
    String protocol = gv == null ? null : gv.childText("ProtocolName");
    String description = gv == null ? null : gv.childText("StudyDescription");
    String name = rawName == null ? null : rawName.strip();
    if (parent != null) {
      name = afterParent(rawName, parent.rawName());
      protocol = afterParent(protocol, parent.protocolId());
      if (description != null && parent.description() != null && description.startsWith(parent.description())) {
        String rest = afterParent(description, parent.description());
        description = rest == null || rest.isEmpty() ? null : rest;
      }
    }
    XNode details = null;
    if (mdv != null) {
      for (XNode d : mdv.all("StudyDetails")) {
        if (s.attr("OID").equals(d.attr("StudyOID"))) {
          details = d;
        }
      }
    }
    return new StudyX(s.attr("OID"), name, rawName, protocol, description, details, s.line);
  }

  private static String rawText(XNode n) {
    String t = n.text();
    // text() strips; the site names of LibreClinica repeat the parent's name with its spaces
    return t;
  }

  /** "Parent - Site" as LibreClinica writes a site's name and protocol: the site's part. */
  private static String afterParent(String value, String parentValue) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (parentValue != null && v.startsWith(parentValue.strip())) {
      String rest = v.substring(parentValue.strip().length()).strip();
      if (rest.startsWith("-")) {
        rest = rest.substring(1).strip();
      }
      return rest.isEmpty() ? v : rest;
    }
    return v;
  }

  // ---------------------------------------------------------------- metadata

  private void readMetadata(XNode mdv) {
    Map<String, XNode> groupDefs = new HashMap<>();
    Map<String, XNode> itemDefNodes = new HashMap<>();
    Map<String, XNode> codeLists = new HashMap<>();
    Map<String, XNode> multiSelects = new HashMap<>();
    for (XNode c : mdv.children) {
      switch (c.name) {
        case "ItemGroupDef" -> groupDefs.put(c.attr("OID"), c);
        case "ItemDef" -> itemDefNodes.put(c.attr("OID"), c);
        case "CodeList" -> codeLists.put(c.attr("OID"), c);
        case "MultiSelectList" -> multiSelects.put(c.attr("ID"), c);
        case "StudyGroupClassList" -> groupClasses.add(c);
        case "Rules" -> {
          int rules = c.all("RuleDef").size();
          notCarried(c, null, "studyimport.nc.rules", Integer.toString(rules));
        }
        case "Include", "Protocol", "StudyEventDef", "FormDef", "StudyDetails" -> {
          // read below
        }
        default -> {
          if (ODM.equals(c.ns)) {
            notCarried(c, c.attr("OID"), "studyimport.nc.element", null);
          }
        }
      }
    }
    itemDefs = itemDefNodes.size();
    Map<String, Integer> order = new HashMap<>();
    XNode protocol = mdv.child("Protocol");
    if (protocol != null) {
      for (XNode ref : protocol.all("StudyEventRef")) {
        order.put(ref.attr("StudyEventOID"), intOr(ref.attr("OrderNumber"), order.size() + 1));
      }
    }
    List<XNode> eventDefs = new ArrayList<>(mdv.all("StudyEventDef"));
    eventDefs.sort(Comparator.comparingInt(e -> order.getOrDefault(e.attr("OID"), Integer.MAX_VALUE)));
    for (XNode e : eventDefs) {
      List<String> formOids = new ArrayList<>();
      Map<String, Boolean> mandatory = new HashMap<>();
      for (XNode ref : e.all("FormRef")) {
        formOids.add(ref.attr("FormOID"));
        mandatory.put(ref.attr("FormOID"), !"No".equalsIgnoreCase(ref.attr("Mandatory")));
      }
      XNode details = e.child("EventDefinitionDetails");
      events.add(new EventX(e.attr("OID"), e.attr("Name"), e.yes("Repeating"), e.attr("Type"),
          details == null ? null : details.childText("Category"),
          details == null ? null : details.childText("Description"), formOids, mandatory, e.line));
    }
    for (XNode f : mdv.all("FormDef")) {
      forms.put(f.attr("OID"), form(f, groupDefs, itemDefNodes, codeLists, multiSelects));
    }
  }

  private FormX form(XNode f, Map<String, XNode> groupDefs, Map<String, XNode> itemDefNodes,
      Map<String, XNode> codeLists, Map<String, XNode> multiSelects) {
    String formOid = f.attr("OID");
    String name = f.attr("Name") == null ? formOid : f.attr("Name").strip();
    int dash = name.lastIndexOf(" - ");
    String crfName = dash > 0 ? name.substring(0, dash).strip() : name;
    String versionName = dash > 0 ? name.substring(dash + 3).strip() : "1.0";
    XNode details = f.child("FormDetails");
    String parentOid = details == null ? null : details.attr("ParentFormOID");
    List<PresentInEvent> presentIn = new ArrayList<>();
    List<SectionDefinition> sections = new ArrayList<>();
    String versionDescription = null;
    String revisionNotes = null;
    if (details != null) {
      versionDescription = details.childText("VersionDescription");
      revisionNotes = details.childText("RevisionNotes");
      for (XNode p : details.all("PresentInEventDefinition")) {
        presentIn.add(new PresentInEvent(p.attr("StudyEventOID"), p.yes("IsDefaultVersion"),
            p.yes("PasswordRequired"), p.yes("DoubleDataEntry"), p.yes("HideCRF"),
            p.attr("SourceDataVerification")));
      }
      XNode sd = details.child("SectionDetails");
      if (sd != null) {
        for (XNode s : sd.all("Section")) {
          String label = s.attr("SectionLabel");
          if (label == null || sections.stream().anyMatch(x -> x.label().equals(label))) {
            continue;
          }
          sections.add(new SectionDefinition(label, blankToNull(s.attr("SectionTitle")),
              blankToNull(s.attr("SectionSubtitle")), blankToNull(s.attr("SectionInstructions")),
              blankToNull(s.attr("SectionPageNumber")), null, null));
        }
      }
    }
    List<GroupDefinition> groups = new ArrayList<>();
    Map<String, String> groupOids = new HashMap<>();
    Map<String, String> groupLabels = new HashMap<>();
    Map<String, String> itemOids = new HashMap<>();
    Map<String, String> itemNames = new HashMap<>();
    Map<ResponseSetDefinition, ResponseSetDefinition> sets = new HashMap<>();
    record Placed(int order, int seq, ItemDefinition item) {}
    List<Placed> placed = new ArrayList<>();
    Map<String, String> parentOfItem = new HashMap<>();
    Map<String, String> nameOfItemOid = new HashMap<>();
    int seq = 0;
    for (XNode ref : f.all("ItemGroupRef")) {
      XNode g = groupDefs.get(ref.attr("ItemGroupOID"));
      if (g == null) {
        notCarried(ref, ref.attr("ItemGroupOID"), "studyimport.nc.unknownGroup", formOid);
        continue;
      }
      String gOid = g.attr("OID");
      boolean ungrouped = gOid.endsWith("_UNGROUPED") || "UNGROUPED".equalsIgnoreCase(g.attr("Name"));
      String label = ungrouped ? GroupDefinition.UNGROUPED : (g.attr("Name") == null ? gOid : g.attr("Name"));
      XNode presence = presence(g.child("ItemGroupDetails"), "PresentInForm", formOid);
      XNode repeat = presence == null ? null : presence.child("ItemGroupRepeat");
      boolean repeating = g.yes("Repeating");
      GroupDefinition gd = ungrouped && !repeating
          ? GroupDefinition.ungrouped()
          : new GroupDefinition(label, repeating ? GroupLayout.GRID : GroupLayout.NON_REPEATING,
              presence == null ? null : presence.childText("ItemGroupHeader"),
              intOr(repeat == null ? null : repeat.attr("RepeatNumber"), 1),
              intOr(repeat == null ? null : repeat.attr("RepeatMax"), repeating ? GroupDefinition.DEFAULT_REPEAT_MAX : 1),
              presence != null && "No".equalsIgnoreCase(presence.attr("ShowGroup")), ungrouped);
      if (groups.stream().noneMatch(x -> x.label().equals(gd.label()))) {
        groups.add(gd);
      }
      groupOids.put(gd.label(), gOid);
      groupLabels.put(gOid, gd.label());
      for (XNode ir : g.all("ItemRef")) {
        XNode item = itemDefNodes.get(ir.attr("ItemOID"));
        if (item == null) {
          notCarried(ir, ir.attr("ItemOID"), "studyimport.nc.unknownItem", formOid);
          continue;
        }
        String formOids = item.attr("FormOIDs");
        XNode ip = presence(item.child("ItemDetails"), "ItemPresentInForm", formOid);
        if (formOids != null && ip == null && !List.of(formOids.split(",")).contains(formOid)) {
          continue; // the item belongs to another version of the CRF
        }
        if (itemNames.containsKey(item.attr("OID"))) {
          // LibreClinica lists some items in two groups of a version; an item has one group here
          notCarried(ir, item.attr("OID"), "studyimport.nc.itemInTwoGroups",
              formOid + " " + groupLabels.get(gOid));
          continue;
        }
        seq++;
        ItemDefinition d = item(item, ip, gd.label(), !"No".equalsIgnoreCase(ir.attr("Mandatory")),
            codeLists, multiSelects, sets, formOid, seq);
        if (ip != null && ip.attr("ParentItemOID") != null) {
          parentOfItem.put(d.name(), ip.attr("ParentItemOID"));
        }
        nameOfItemOid.put(item.attr("OID"), d.name());
        itemOids.put(d.name(), item.attr("OID"));
        itemNames.put(item.attr("OID"), d.name());
        int orderInForm = intOr(ip == null ? null : ip.attr("OrderInForm"), Integer.MAX_VALUE);
        placed.add(new Placed(orderInForm, seq, d));
      }
    }
    placed.sort(Comparator.comparingInt(Placed::order).thenComparingInt(Placed::seq));
    if (sections.isEmpty()) {
      for (Placed p : placed) {
        String label = p.item().sectionLabel();
        if (label != null && sections.stream().noneMatch(x -> x.label().equals(label))) {
          sections.add(new SectionDefinition(label, label, null, null, null, null, null));
        }
      }
      if (sections.isEmpty()) {
        sections.add(new SectionDefinition(crfName, crfName, null, null, null, null, null));
      }
    }
    String firstSection = sections.get(0).label();
    List<ItemDefinition> items = new ArrayList<>();
    int ordinal = 1;
    for (Placed p : placed) {
      ItemDefinition d = p.item();
      String section = d.sectionLabel() != null
          && sections.stream().anyMatch(x -> x.label().equals(d.sectionLabel())) ? d.sectionLabel() : firstSection;
      String parentName = parentOfItem.containsKey(d.name()) ? nameOfItemOid.get(parentOfItem.get(d.name())) : null;
      ConditionalDisplay scd = d.conditionalDisplay();
      if (scd != null && !itemOids.containsKey(scd.controlItem())) {
        notCarried(null, itemOids.get(d.name()), "studyimport.nc.conditionalDisplay", scd.controlItem());
        scd = null;
      }
      items.add(new ItemDefinition(ordinal++, d.name(), d.description(), d.leftText(), d.units(),
          d.rightText(), section, d.groupLabel(), d.header(), d.subheader(), parentName,
          d.columnNumber(), d.pageNumber(), d.questionNumber(), d.responseType(), d.responseSet(),
          d.calculation(), d.responseLayout(), d.defaultValue(), d.dataType(), d.widthDecimal(),
          d.width(), d.decimals(), d.validation(), d.phi(), d.required(), d.hidden(), scd));
    }
    CrfDefinition def = new CrfDefinition(crfName, versionName, versionDescription, revisionNotes,
        sections, groups, items);
    return new FormX(formOid, crfName, versionName, parentOid, def, groupOids, itemOids, groupLabels,
        itemNames, presentIn, f.line);
  }

  private static XNode presence(XNode details, String element, String formOid) {
    if (details == null) {
      return null;
    }
    for (XNode p : details.all(element)) {
      if (formOid.equals(p.attr("FormOID"))) {
        return p;
      }
    }
    return null;
  }

  private ItemDefinition item(XNode item, XNode ip, String groupLabel, boolean required,
      Map<String, XNode> codeLists, Map<String, XNode> multiSelects,
      Map<ResponseSetDefinition, ResponseSetDefinition> sets, String formOid, int seq) {
    String oid = item.attr("OID");
    String name = item.attr("Name") == null ? oid : item.attr("Name");
    XNode question = item.child("Question");
    String questionText = item.translated("Question");
    String questionNumber = question == null ? null : question.attr("QuestionNumber");
    XNode unitRef = item.child("MeasurementUnitRef");
    String units = unitRef == null ? null : unitNames.get(unitRef.attr("MeasurementUnitOID"));
    ResponseSetDefinition set = null;
    XNode clRef = item.child("CodeListRef");
    XNode msRef = item.child("MultiSelectListRef");
    if (msRef != null && multiSelects.containsKey(msRef.attr("MultiSelectListID"))) {
      set = options(multiSelects.get(msRef.attr("MultiSelectListID")), "MultiSelectListItem", "CodedOptionValue");
    } else if (clRef != null && codeLists.containsKey(clRef.attr("CodeListOID"))) {
      set = options(codeLists.get(clRef.attr("CodeListOID")), "CodeListItem", "CodedValue");
    } else if (clRef != null || msRef != null) {
      notCarried(item, oid, "studyimport.nc.unknownList", formOid);
    }
    if (set != null) {
      set = sets.computeIfAbsent(set, s -> s);
    }
    XNode response = ip == null ? null : ip.child("ItemResponse");
    ResponseType type = response == null ? null
        : ResponseType.fromCode(response.attr("ResponseType")).orElse(null);
    if (type == null) {
      type = msRef != null ? ResponseType.CHECKBOX : set != null ? ResponseType.SINGLE_SELECT : ResponseType.TEXT;
    }
    if (type.hasOptions() && set == null) {
      notCarried(item, oid, "studyimport.nc.noOptions", formOid);
      type = ResponseType.TEXT;
    }
    if (!type.hasOptions()) {
      set = null;
    }
    if (type.calculated()) {
      notCarried(item, oid, "studyimport.nc.calculation", formOid);
    }
    ResponseLayout layout = null;
    if (response != null && response.attr("ResponseLayout") != null) {
      String l = response.attr("ResponseLayout").strip().toUpperCase(Locale.ROOT);
      layout = l.startsWith("HORIZ") ? ResponseLayout.HORIZONTAL : l.startsWith("VERT") ? ResponseLayout.VERTICAL : null;
    }
    ItemDataType dataType = dataType(item, type);
    Integer width = integer(item.attr("Length"));
    Integer decimals = dataType == ItemDataType.REAL ? integer(item.attr("SignificantDigits")) : null;
    String widthDecimal = null;
    ConditionalDisplay scd = null;
    if (ip != null && ip.child("SimpleConditionalDisplay") != null) {
      XNode s = ip.child("SimpleConditionalDisplay");
      scd = new ConditionalDisplay(s.childText("ControlItemName"), s.childText("OptionValue"), s.childText("Message"));
    }
    String left = ip == null ? questionText : firstNonNull(ip.childText("LeftItemText"), questionText);
    return new ItemDefinition(seq, name, item.attr("Comment"), left, units,
        ip == null ? null : ip.childText("RightItemText"),
        ip == null ? null : ip.childText("SectionLabel"), groupLabel,
        ip == null ? null : ip.childText("ItemHeader"), ip == null ? null : ip.childText("ItemSubHeader"),
        null, ip == null ? null : integer(ip.attr("ColumnNumber")),
        ip == null ? null : ip.attr("PageNumber"), questionNumber, type, set, null, layout,
        ip == null ? null : ip.attr("DefaultValue"), dataType, widthDecimal, width, decimals,
        validation(item), ip != null && ip.yes("PHI"), required,
        ip != null && "No".equalsIgnoreCase(ip.attr("ShowItem")), scd);
  }

  private ItemDataType dataType(XNode item, ResponseType type) {
    if (type == ResponseType.FILE) {
      return ItemDataType.FILE;
    }
    String t = item.attr("DataType") == null ? "text" : item.attr("DataType");
    return switch (t) {
      case "text", "string" -> ItemDataType.ST;
      case "integer" -> ItemDataType.INT;
      case "float", "double" -> ItemDataType.REAL;
      case "date" -> ItemDataType.DATE;
      case "partialDate" -> ItemDataType.PDATE;
      default -> {
        notCarried(item, item.attr("OID"), "studyimport.nc.dataType", t);
        yield ItemDataType.ST;
      }
    };
  }

  private ItemValidation validation(XNode item) {
    List<XNode> checks = item.all("RangeCheck");
    if (checks.isEmpty()) {
      return null;
    }
    String message = checks.get(0).translated("ErrorMessage");
    if (checks.size() == 2) {
      String ge = null;
      String le = null;
      for (XNode c : checks) {
        if ("GE".equals(c.attr("Comparator"))) {
          ge = c.childText("CheckValue");
        } else if ("LE".equals(c.attr("Comparator"))) {
          le = c.childText("CheckValue");
        }
      }
      if (ge != null && le != null) {
        return new ItemValidation("func: range(" + ge + "," + le + ")", message);
      }
    }
    if (checks.size() == 1) {
      XNode c = checks.get(0);
      String fn = switch (c.attr("Comparator") == null ? "" : c.attr("Comparator")) {
        case "GT" -> "gt";
        case "LT" -> "lt";
        case "GE" -> "gte";
        case "LE" -> "lte";
        case "EQ" -> "eq";
        case "NE" -> "ne";
        default -> null;
      };
      if (fn != null && c.childText("CheckValue") != null) {
        return new ItemValidation("func: " + fn + "(" + c.childText("CheckValue") + ")", message);
      }
    }
    notCarried(checks.get(0), item.attr("OID"), "studyimport.nc.rangeCheck", null);
    return null;
  }

  private static ResponseSetDefinition options(XNode list, String element, String valueAttr) {
    List<ResponseOption> options = new ArrayList<>();
    for (XNode i : list.all(element)) {
      String text = i.translated("Decode");
      options.add(new ResponseOption(text == null ? i.attr(valueAttr) : text, i.attr(valueAttr)));
    }
    String label = list.attr("Name") == null ? list.attr("OID") : list.attr("Name");
    return new ResponseSetDefinition(label, options);
  }

  // ---------------------------------------------------------------- clinical data

  private void countClinical(XNode cd) {
    for (XNode s : cd.all("SubjectData")) {
      subjects++;
      countNotesAndAudits(s);
      for (XNode e : s.all("StudyEventData")) {
        studyEvents++;
        countNotesAndAudits(e);
        for (XNode f : e.all("FormData")) {
          formData++;
          countNotesAndAudits(f);
          for (XNode g : f.all("ItemGroupData")) {
            for (XNode i : g.all("ItemData")) {
              values++;
              countNotesAndAudits(i);
            }
          }
        }
      }
    }
  }

  private void countNotesAndAudits(XNode n) {
    auditLogs += n.all("Signature").size();
    for (XNode sigs : n.all("Signatures")) {
      auditLogs += sigs.all("Signature").size();
    }
    for (XNode dns : n.all("DiscrepancyNotes")) {
      notes += dns.all("DiscrepancyNote").size();
    }
    for (XNode als : n.all("AuditLogs")) {
      auditLogs += als.all("AuditLog").size();
    }
  }

  /** Reports, once per name, extension elements this import does not know (never a failure). */
  private void warnUnknown(XNode n, Set<String> seen) {
    for (XNode c : n.children) {
      boolean extension = !ODM.equals(c.ns) && !c.ns.isEmpty();
      if (extension && !(OC.equals(c.ns) || RULES.equals(c.ns)) || OC.equals(c.ns) && !KNOWN_OC.contains(c.name)) {
        if (seen.add(c.ns + " " + c.name)) {
          notCarried(c, null, "studyimport.nc.unknownExtension", c.ns);
        }
        continue;
      }
      warnUnknown(c, seen);
    }
  }

  // ---------------------------------------------------------------- helpers

  String userName(String userOid) {
    if (userOid == null) {
      return null;
    }
    UserX u = users.get(userOid);
    String s = u == null ? userOid : u.fullName() + " (" + userOid + ")";
    return s.length() > 64 ? s.substring(0, 64) : s;
  }

  static int intOr(String s, int fallback) {
    Integer i = integer(s);
    return i == null ? fallback : i;
  }

  static Integer integer(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
