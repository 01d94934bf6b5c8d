package jp.ac.umin.libreclinica.core.crf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.definition.ConditionalDisplay;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemValidation;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseSetDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.SectionDefinition;
import jp.ac.umin.libreclinica.core.crf.template.CrfTemplateReader;
import jp.ac.umin.libreclinica.core.crf.template.CrfTemplateResult;
import jp.ac.umin.libreclinica.core.crf.template.PriorCrf;
import jp.ac.umin.libreclinica.core.crf.template.TemplateLimits;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.input.SearchKey;
import jp.ac.umin.libreclinica.core.oid.CrfOids;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * CRFs from LibreClinica CRF design spreadsheets: preview an upload (nothing saved), commit it
 * as a new CRF or as a new version of the CRF of the same name (all or nothing), list CRFs and
 * versions, show a version, remove and restore versions, and download the original file.
 * Every change is written to the audit trail in the same transaction. Methods that take the
 * acting user's name check that the user may design CRFs
 * ({@link AuthorizationService#requireCrfDesigner}); the others are for other services.
 *
 * <p>Limits ({@code lc.crf.*}): {@code max-upload-bytes} (default 10MB), {@code max-sheets}
 * (20) and {@code max-rows-per-sheet} (5000 filled rows).
 */
@Service
@Transactional(readOnly = true)
public class CrfService {

  private static final String XLSX_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final String XLS_TYPE = "application/vnd.ms-excel";

  private final CrfRepository crfs;
  private final CrfVersionRepository versions;
  private final CrfVersionFileRepository files;
  private final CrfSectionRepository sections;
  private final ItemGroupRepository groups;
  private final ItemGroupMetadataRepository groupMetadata;
  private final ItemRepository items;
  private final ResponseSetRepository responseSets;
  private final ItemFormMetadataRepository itemMetadata;
  private final AuditService audit;
  private final AuthorizationService authorization;
  private final ObjectProvider<CrfVersionUsage> usage;
  private final TemplateLimits limits;

  public CrfService(
      CrfRepository crfs,
      CrfVersionRepository versions,
      CrfVersionFileRepository files,
      CrfSectionRepository sections,
      ItemGroupRepository groups,
      ItemGroupMetadataRepository groupMetadata,
      ItemRepository items,
      ResponseSetRepository responseSets,
      ItemFormMetadataRepository itemMetadata,
      AuditService audit,
      AuthorizationService authorization,
      ObjectProvider<CrfVersionUsage> usage,
      @Value("${lc.crf.max-upload-bytes:10MB}") DataSize maxUpload,
      @Value("${lc.crf.max-sheets:20}") int maxSheets,
      @Value("${lc.crf.max-rows-per-sheet:5000}") int maxRows) {
    this.crfs = crfs;
    this.versions = versions;
    this.files = files;
    this.sections = sections;
    this.groups = groups;
    this.groupMetadata = groupMetadata;
    this.items = items;
    this.responseSets = responseSets;
    this.itemMetadata = itemMetadata;
    this.audit = audit;
    this.authorization = authorization;
    this.usage = usage;
    this.limits = new TemplateLimits(maxUpload.toBytes(), maxSheets, maxRows);
  }

  /** The limits uploads are held to. */
  public TemplateLimits limits() {
    return limits;
  }

  /** Whether the user may upload and manage CRFs (for showing links). */
  public boolean mayDesign(String actor) {
    return authorization.mayDesignCrfs(actor);
  }

  /** Reads and checks an upload against the stored CRFs; saves nothing. */
  public CrfPreview preview(byte[] bytes, String fileName, String actor) {
    authorization.requireCrfDesigner(actor);
    Long[] existing = new Long[1];
    CrfTemplateResult result =
        CrfTemplateReader.read(bytes, fileName, limits, name -> {
          Optional<Crf> crf = crfs.findByNameIgnoreCase(name);
          crf.ifPresent(c -> existing[0] = c.getId());
          return crf.map(this::prior);
        });
    return new CrfPreview(result.definition(), result.problems(), existing[0]);
  }

  /**
   * Stores the upload as a new CRF, or as a new version of the CRF with the same name (case
   * ignored). All or nothing: with any error nothing is saved and
   * {@link CrfTemplateRejectedException} lists every problem.
   */
  @Transactional
  public CrfUploadOutcome commit(byte[] bytes, String fileName, String actor) {
    authorization.requireCrfDesigner(actor);
    Map<String, Crf> locked = new HashMap<>();
    Function<String, Optional<PriorCrf>> lookup = name -> {
      Optional<Crf> crf = crfs.lockByNameIgnoreCase(name);
      crf.ifPresent(c -> locked.put(name, c));
      return crf.map(this::prior);
    };
    CrfTemplateResult result = CrfTemplateReader.read(bytes, fileName, limits, lookup);
    if (result.hasErrors()) {
      throw new CrfTemplateRejectedException(result.problems());
    }
    CrfDefinition def = result.definition();
    Instant now = Instant.now();
    Crf crf = locked.get(def.name());
    boolean newCrf = crf == null;
    if (newCrf) {
      String oid = CrfOids.crf(def.name(), crfs::existsByOid);
      crf = crfs.save(new Crf(def.name(), oid, now, actor));
      audit.record(AuditEvent.of("crf.create", "Crf", crf.getId()).withActor(actor)
          .withNewValue(def.name() + " (" + oid + ")"));
    }
    Set<String> versionOids = new HashSet<>(versions.oidsStartingWith(crf.getOid() + "_"));
    String versionOid = CrfOids.crfVersion(crf.getOid(), def.versionName(),
        oid -> versionOids.contains(oid) || crfs.existsByOid(oid));
    CrfVersion version = versions.save(new CrfVersion(
        crf.getId(), def.versionName(), versionOid, def.versionDescription(), def.revisionNotes(),
        def.items().size(), safeFileName(fileName), sha256(bytes), bytes.length, now, actor));
    files.save(new CrfVersionFile(version.getId(), bytes));
    store(crf, version, def, Map.of(), Map.of(), actor);
    audit.record(AuditEvent.of("crf.version.create", "CrfVersion", version.getId()).withActor(actor)
        .withNewValue(crf.getName() + " / " + version.getName() + " (" + versionOid + ", "
            + def.items().size() + " items, file " + version.getFileName() + " sha256 "
            + version.getFileSha256() + ")"));
    return new CrfUploadOutcome(crf.getId(), crf.getOid(), version.getId(), versionOid, newCrf,
        def.items().size(), result.warnings());
  }

  /**
   * OIDs an import would keep: the CRF's, the version's, and by group label and item name those
   * of its groups and items. Each is used when it has the kind's prefix, only {@code A-Z},
   * {@code 0-9} and {@code _}, fits, and is free; otherwise the usual rule forms one.
   */
  public record PreferredOids(
      String crf, String version, Map<String, String> groups, Map<String, String> items) {}

  /** What an imported CRF version became (item ids and OIDs by item name, group OIDs by label). */
  public record ImportedVersion(
      long crfId, String crfOid, long versionId, String versionOid, boolean existing,
      Map<String, Long> itemIds, Map<String, String> itemOids, Map<String, String> groupOids) {}

  /**
   * Stores a CRF version described by another system's metadata (ODM), for the whole-study
   * import: as a new CRF, or as a new version of the CRF of the same name, like a spreadsheet
   * upload. A version of that name that already exists here is used as it is
   * ({@code existing}): CRFs are shared by the studies of an installation, as in LibreClinica.
   * For other services (the caller checks the user's rights); audited as {@code actor}.
   */
  @Transactional
  public ImportedVersion importVersion(
      CrfDefinition def, PreferredOids preferred, String sourceName, String sourceSha256,
      long sourceSize, String reason, String actor) {
    Instant now = Instant.now();
    Crf crf = crfs.lockByNameIgnoreCase(def.name()).orElse(null);
    if (crf != null) {
      Optional<CrfVersion> same = versions.findByCrfId(crf.getId()).stream()
          .filter(v -> v.getName().equalsIgnoreCase(def.versionName())).findFirst();
      if (same.isPresent()) {
        return imported(crf, same.get(), true);
      }
    } else {
      String oid = keep(preferred.crf(), "F_", crfs::existsByOid)
          .orElseGet(() -> CrfOids.crf(def.name(), crfs::existsByOid));
      crf = crfs.save(new Crf(def.name(), oid, now, actor));
      audit.record(AuditEvent.of("crf.create", "Crf", crf.getId()).withActor(actor)
          .withReason(reason).withNewValue(def.name() + " (" + oid + ")"));
    }
    Crf owner = crf;
    Set<String> versionOids = new HashSet<>(versions.oidsStartingWith(crf.getOid() + "_"));
    String versionOid = keep(preferred.version(), "F_",
            oid -> versions.existsByOid(oid) || crfs.existsByOid(oid))
        .orElseGet(() -> CrfOids.crfVersion(owner.getOid(), def.versionName(),
            oid -> versionOids.contains(oid) || crfs.existsByOid(oid)));
    CrfVersion version = versions.save(new CrfVersion(
        crf.getId(), def.versionName(), versionOid, def.versionDescription(), def.revisionNotes(),
        def.items().size(), safeFileName(sourceName), sourceSha256, sourceSize, now, actor));
    store(crf, version, def, preferred.groups(), preferred.items(), actor);
    audit.record(AuditEvent.of("crf.version.create", "CrfVersion", version.getId()).withActor(actor)
        .withReason(reason)
        .withNewValue(crf.getName() + " / " + version.getName() + " (" + versionOid + ", "
            + def.items().size() + " items, imported from " + version.getFileName() + " sha256 "
            + sourceSha256 + ")"));
    return imported(crf, version, false);
  }

  private ImportedVersion imported(Crf crf, CrfVersion version, boolean existing) {
    Map<String, Long> ids = new HashMap<>();
    Map<String, String> oids = new HashMap<>();
    Set<Long> inVersion = new HashSet<>();
    itemMetadata.findByCrfId(crf.getId()).stream()
        .filter(m -> m.getCrfVersionId().equals(version.getId()))
        .forEach(m -> inVersion.add(m.getItemId()));
    for (Item i : items.findByCrfId(crf.getId())) {
      if (inVersion.contains(i.getId())) {
        ids.put(i.getName(), i.getId());
        oids.put(i.getName(), i.getOid());
      }
    }
    Map<String, String> groupOids = new HashMap<>();
    groups.findByCrfId(crf.getId()).forEach(g -> groupOids.put(g.getLabel(), g.getOid()));
    return new ImportedVersion(crf.getId(), crf.getOid(), version.getId(), version.getOid(), existing,
        ids, oids, groupOids);
  }

  /** {@code oid} when it is well-formed for its kind, fits the OID columns and is free. */
  private static Optional<String> keep(String oid, String prefix, java.util.function.Predicate<String> taken) {
    if (oid == null || !oid.startsWith(prefix) || oid.length() > 40 || !oid.matches("[A-Z0-9_]+")
        || taken.test(oid)) {
      return Optional.empty();
    }
    return Optional.of(oid);
  }

  private void store(Crf crf, CrfVersion version, CrfDefinition def,
      Map<String, String> preferredGroupOids, Map<String, String> preferredItemOids, String actor) {
    Long versionId = version.getId();
    Map<String, Long> sectionIds = new HashMap<>();
    int ordinal = 1;
    for (SectionDefinition s : def.sections()) {
      sectionIds.put(s.label(), sections.save(new CrfSection(versionId, ordinal++, s)).getId());
    }

    String crfName = crf.getName();
    Map<String, ItemGroup> groupsByLabel = new HashMap<>();
    groups.findByCrfId(crf.getId()).forEach(g -> groupsByLabel.put(g.getLabel(), g));
    Set<String> takenGroupOids =
        new HashSet<>(groups.oidsStartingWith("IG_" + CrfOids.crfPrefix(crfName) + "_"));
    Map<String, Long> groupMetadataIds = new HashMap<>();
    ordinal = 1;
    for (GroupDefinition g : def.groups()) {
      ItemGroup group = groupsByLabel.get(g.label());
      if (group == null) {
        String wanted = preferredGroupOids.get(g.label());
        String oid = keep(wanted, "IG_", o -> takenGroupOids.contains(o)
                || (wanted != null && groups.oidsStartingWith(o).contains(o)))
            .orElseGet(() -> CrfOids.itemGroup(crfName, g.label(), takenGroupOids::contains));
        takenGroupOids.add(oid);
        group = groups.save(new ItemGroup(crf.getId(), g.label(), oid));
      }
      groupMetadataIds.put(g.label(),
          groupMetadata.save(new ItemGroupMetadata(group.getId(), versionId, ordinal++, g)).getId());
    }

    Map<ResponseSetDefinition, Long> setIds = new LinkedHashMap<>();
    for (ItemDefinition i : def.items()) {
      if (i.responseSet() != null && !setIds.containsKey(i.responseSet())) {
        setIds.put(i.responseSet(), null);
      }
    }
    for (ResponseSetDefinition s : new ArrayList<>(setIds.keySet())) {
      setIds.put(s, responseSets.save(new ResponseSet(versionId, s)).getId());
    }

    Map<String, Item> itemsByName = new HashMap<>();
    items.findByCrfId(crf.getId()).forEach(i -> itemsByName.put(i.getName(), i));
    Set<String> takenItemOids =
        new HashSet<>(items.oidsStartingWith("I_" + CrfOids.crfPrefix(crfName) + "_"));
    List<Item> toSave = new ArrayList<>();
    for (ItemDefinition d : def.items()) {
      Item item = itemsByName.get(d.name());
      if (item == null) {
        String wanted = preferredItemOids.get(d.name());
        String oid = keep(wanted, "I_", o -> takenItemOids.contains(o)
                || (wanted != null && items.oidsStartingWith(o).contains(o)))
            .orElseGet(() -> CrfOids.item(crfName, d.name(), takenItemOids::contains));
        takenItemOids.add(oid);
        item = new Item(crf.getId(), d.name(), oid, d.description(), d.units(), d.dataType(), d.phi());
        itemsByName.put(d.name(), item);
        toSave.add(item);
      } else {
        String before = item.getDescription() + " | " + item.getDataType() + " | phi=" + item.isPhi();
        if (item.redefine(d.description(), d.dataType(), d.phi())) {
          audit.record(AuditEvent.of("crf.item.update", "Item", item.getId()).withActor(actor)
              .withOldValue(before)
              .withNewValue(d.description() + " | " + d.dataType() + " | phi=" + d.phi()));
        }
      }
    }
    items.saveAll(toSave);

    List<ItemFormMetadata> metadata = new ArrayList<>(def.items().size());
    for (ItemDefinition d : def.items()) {
      Item item = itemsByName.get(d.name());
      Long parentId = d.parentItem() == null ? null : itemsByName.get(d.parentItem()).getId();
      ConditionalDisplay scd = d.conditionalDisplay();
      Long scdId = scd == null ? null : itemsByName.get(scd.controlItem()).getId();
      metadata.add(new ItemFormMetadata(versionId, item.getId(), sectionIds.get(d.sectionLabel()),
          groupMetadataIds.get(d.groupLabel()),
          d.responseSet() == null ? null : setIds.get(d.responseSet()), parentId, scdId, d));
    }
    itemMetadata.saveAll(metadata);
  }

  /** What the stored versions of a CRF fix for the next upload of it. */
  private PriorCrf prior(Crf crf) {
    List<CrfVersion> all = versions.findByCrfId(crf.getId());
    Set<String> names = all.stream().map(CrfVersion::getName).collect(Collectors.toSet());
    Map<Long, Long> uploadOrder = new HashMap<>();
    all.stream()
        .sorted((a, b) -> a.getId().compareTo(b.getId()))
        .forEach(v -> uploadOrder.put(v.getId(), (long) uploadOrder.size()));
    Map<Long, Item> itemsById = new HashMap<>();
    items.findByCrfId(crf.getId()).forEach(i -> itemsById.put(i.getId(), i));
    Map<Long, String> groupLabels = new HashMap<>();
    groups.findByCrfId(crf.getId()).forEach(g -> groupLabels.put(g.getId(), g.getLabel()));
    Map<Long, Long> groupOfMetadata = new HashMap<>();
    for (CrfVersion v : all) {
      groupMetadata.findByCrfVersionIdOrderByOrdinal(v.getId())
          .forEach(m -> groupOfMetadata.put(m.getId(), m.getItemGroupId()));
    }
    List<ItemFormMetadata> metadata = itemMetadata.findByCrfId(crf.getId());
    Map<Long, ResponseSetDefinition> sets = new HashMap<>();
    List<Long> setIds = metadata.stream().map(ItemFormMetadata::getResponseSetId)
        .filter(java.util.Objects::nonNull).distinct().toList();
    if (!setIds.isEmpty()) {
      responseSets.findByIdIn(setIds).forEach(s -> sets.put(s.getId(), s.toDefinition()));
    }
    Map<Long, String> lastGroup = new HashMap<>();
    Map<Long, Map<String, String>> options = new HashMap<>();
    metadata.stream()
        .sorted((a, b) -> Long.compare(uploadOrder.getOrDefault(metadataVersion(a), 0L),
            uploadOrder.getOrDefault(metadataVersion(b), 0L)))
        .forEach(m -> {
          lastGroup.put(m.getItemId(), groupLabels.get(groupOfMetadata.get(m.getItemGroupMetadataId())));
          ResponseSetDefinition set = m.getResponseSetId() == null ? null : sets.get(m.getResponseSetId());
          if (set != null) {
            Map<String, String> map = options.computeIfAbsent(m.getItemId(), k -> new HashMap<>());
            set.options().forEach(o -> map.putIfAbsent(o.value(), o.text()));
          }
        });
    Map<String, PriorCrf.PriorItem> priorItems = new HashMap<>();
    for (Item i : itemsById.values()) {
      priorItems.put(i.getName(), new PriorCrf.PriorItem(i.getName(), i.getDataType(), i.getUnits(),
          lastGroup.get(i.getId()), options.getOrDefault(i.getId(), Map.of())));
    }
    return new PriorCrf(crf.getName(), names, priorItems);
  }

  private static Long metadataVersion(ItemFormMetadata m) {
    return m.getCrfVersionId();
  }

  /**
   * The CRFs of the installation, by name; {@code nameFilter} (blank for all) keeps those whose
   * name contains it, case ignored.
   */
  public Page<CrfSummary> listCrfs(String actor, String nameFilter, Pageable pageable) {
    authorization.requireCrfDesigner(actor);
    if (nameFilter == null || nameFilter.isBlank()) {
      return crfs.summaries(pageable);
    }
    return crfs.summariesNamed(likePattern(nameFilter.strip()), pageable);
  }

  /**
   * As {@link #listCrfs(String, String, Pageable)}, ordered by name with {@code nameOrder} (the
   * reader's collation, see {@link jp.ac.umin.libreclinica.core.input.TextOrder}); the name
   * filter finds full-width/half-width, hiragana/katakana and case variants.
   */
  public Page<CrfSummary> listCrfs(
      String actor, String nameFilter, java.util.Comparator<String> nameOrder, Pageable pageable) {
    List<CrfSummary> all = listCrfs(actor, null, Pageable.unpaged()).getContent();
    // sorted and paged in memory anyway, so the filter ignores width, kana and case (SearchKey)
    String key = SearchKey.fold(nameFilter == null ? "" : nameFilter.strip());
    if (!key.isEmpty()) {
      all = all.stream().filter(c -> SearchKey.fold(c.name()).contains(key)).toList();
    }
    return jp.ac.umin.libreclinica.core.input.TextOrder.page(all, CrfSummary::name, nameOrder, pageable);
  }

  /** The versions of a CRF, oldest first. */
  public Page<CrfVersionSummary> listVersions(String actor, Long crfId, Pageable pageable) {
    authorization.requireCrfDesigner(actor);
    crf(crfId);
    return versions.findByCrfIdOrderByUploadedAtAscIdAsc(crfId, pageable).map(CrfVersionSummary::of);
  }

  /** Every version of a CRF, oldest first, without a permission check (for other services). */
  public List<CrfVersionSummary> versionsOf(Long crfId) {
    crf(crfId);
    return versions.findByCrfId(crfId).stream()
        .sorted(java.util.Comparator.comparing(CrfVersion::getUploadedAt).thenComparing(CrfVersion::getId))
        .map(CrfVersionSummary::of)
        .toList();
  }

  /** The id of the CRF with this OID; {@code crf.oid.notFound} when there is none. */
  public Long crfIdByOid(String oid) {
    return crfs.findByOid(oid == null ? "" : oid.strip())
        .map(Crf::getId)
        .orElseThrow(() -> new CrfNotFoundException("crf.oid.notFound", oid));
  }

  /** Whether a CRF of that id exists (for other services). */
  public boolean exists(Long crfId) {
    return crfId != null && crfs.existsById(crfId);
  }

  public CrfSummary getCrf(String actor, Long crfId) {
    authorization.requireCrfDesigner(actor);
    return summary(crfId);
  }

  /** A CRF's summary without a permission check (for other services' pages). */
  public CrfSummary summary(Long crfId) {
    Crf crf = crf(crfId);
    List<CrfVersion> all = versions.findByCrfId(crfId);
    return new CrfSummary(crf.getId(), crf.getName(), crf.getOid(), crf.getCreatedAt(),
        crf.getCreatedBy(), all.size(),
        all.stream().filter(v -> v.getStatus() == CrfVersionStatus.AVAILABLE).count());
  }

  /** A stored version with its sections, groups, items, options and OIDs, for a CRF designer. */
  public CrfVersionDetail getVersion(String actor, Long versionId) {
    authorization.requireCrfDesigner(actor);
    return getVersion(versionId);
  }

  /** A stored version with its sections, groups, items, options and OIDs (unchecked). */
  public CrfVersionDetail getVersion(Long versionId) {
    CrfVersion version = version(versionId);
    Crf crf = crf(version.getCrfId());
    Map<Long, CrfSection> sectionById = new HashMap<>();
    List<SectionDefinition> sectionDefs = new ArrayList<>();
    for (CrfSection s : sections.findByCrfVersionIdOrderByOrdinal(versionId)) {
      sectionById.put(s.getId(), s);
      sectionDefs.add(s.toDefinition());
    }
    Map<Long, ItemGroup> groupById = new HashMap<>();
    groups.findByCrfId(crf.getId()).forEach(g -> groupById.put(g.getId(), g));
    Map<Long, String> labelOfMetadata = new HashMap<>();
    List<GroupDefinition> groupDefs = new ArrayList<>();
    Map<String, String> groupOids = new LinkedHashMap<>();
    for (ItemGroupMetadata m : groupMetadata.findByCrfVersionIdOrderByOrdinal(versionId)) {
      ItemGroup g = groupById.get(m.getItemGroupId());
      labelOfMetadata.put(m.getId(), g.getLabel());
      groupDefs.add(m.toDefinition(g.getLabel()));
      groupOids.put(g.getLabel(), g.getOid());
    }
    Map<Long, ResponseSetDefinition> sets = new HashMap<>();
    responseSets.findByCrfVersionId(versionId).forEach(s -> sets.put(s.getId(), s.toDefinition()));
    Map<Long, Item> itemById = new HashMap<>();
    items.findByCrfId(crf.getId()).forEach(i -> itemById.put(i.getId(), i));
    List<ItemDefinition> itemDefs = new ArrayList<>();
    Map<String, String> itemOids = new LinkedHashMap<>();
    for (ItemFormMetadata m : itemMetadata.findByCrfVersionIdOrderByOrdinal(versionId)) {
      Item i = itemById.get(m.getItemId());
      itemOids.put(i.getName(), i.getOid());
      ItemValidation validation = m.getValidationExpression() == null ? null
          : new ItemValidation(m.getValidationExpression(), m.getValidationMessage());
      ConditionalDisplay scd = m.getScdItemId() == null ? null
          : new ConditionalDisplay(itemById.get(m.getScdItemId()).getName(), m.getScdOptionValue(),
              m.getScdMessage());
      itemDefs.add(new ItemDefinition(
          m.getOrdinal(), i.getName(), i.getDescription(), m.getLeftText(), i.getUnits(),
          m.getRightText(), sectionById.get(m.getSectionId()).getLabel(),
          labelOfMetadata.get(m.getItemGroupMetadataId()), m.getHeader(), m.getSubheader(),
          m.getParentItemId() == null ? null : itemById.get(m.getParentItemId()).getName(),
          m.getColumnNumber(), m.getPageNumber(), m.getQuestionNumber(), m.getResponseType(),
          m.getResponseSetId() == null ? null : sets.get(m.getResponseSetId()),
          m.getCalculation(), m.getResponseLayout(), m.getDefaultValue(), i.getDataType(),
          m.getWidthDecimal(), m.getWidth(), m.getDecimals(), validation, i.isPhi(),
          m.isRequired(), m.isHidden(), scd));
    }
    CrfDefinition definition = new CrfDefinition(crf.getName(), version.getName(),
        version.getDescription(), version.getRevisionNotes(), sectionDefs, groupDefs, itemDefs);
    return new CrfVersionDetail(CrfVersionSummary.of(version), crf.getName(), crf.getOid(),
        definition, groupOids, itemOids);
  }

  /** Takes a version out of use (soft: nothing is deleted); a reason is required. */
  @Transactional
  public CrfVersionSummary removeVersion(Long versionId, String reason, String actor) {
    authorization.requireCrfDesigner(actor);
    CrfVersion version = version(versionId);
    version.remove(reason, actor, Instant.now());
    audit.record(AuditEvent.of("crf.version.remove", "CrfVersion", versionId).withActor(actor)
        .withOldValue(CrfVersionStatus.AVAILABLE.name())
        .withNewValue(CrfVersionStatus.REMOVED.name())
        .withReason(version.getStatusReason()));
    return CrfVersionSummary.of(version);
  }

  /** Puts a removed version back into use; a reason is required. */
  @Transactional
  public CrfVersionSummary restoreVersion(Long versionId, String reason, String actor) {
    authorization.requireCrfDesigner(actor);
    CrfVersion version = version(versionId);
    version.restore(reason, actor, Instant.now());
    audit.record(AuditEvent.of("crf.version.restore", "CrfVersion", versionId).withActor(actor)
        .withOldValue(CrfVersionStatus.REMOVED.name())
        .withNewValue(CrfVersionStatus.AVAILABLE.name())
        .withReason(version.getStatusReason()));
    return CrfVersionSummary.of(version);
  }

  /** Whether the version holds no data, so that it could be deleted. */
  public boolean isDeletable(Long versionId) {
    version(versionId);
    CrfVersionUsage u = usage.getIfAvailable();
    return u == null || !u.hasData(versionId);
  }

  /** Refuses ({@code crf.version.hasData}) when the version holds data. */
  public void checkDeletable(Long versionId) {
    if (!isDeletable(versionId)) {
      throw new InvalidInputException("crf.version.hasData");
    }
  }

  /** The spreadsheet exactly as uploaded, from the database (never from a path). */
  public CrfFile originalFile(String actor, Long versionId) {
    authorization.requireCrfDesigner(actor);
    CrfVersion version = version(versionId);
    byte[] content = files.findById(versionId)
        .orElseThrow(() -> new CrfNotFoundException("crf.version.notFound", versionId))
        .getContent();
    String type = version.getFileName().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? XLSX_TYPE : XLS_TYPE;
    return new CrfFile(version.getFileName(), type, content);
  }

  private Crf crf(Long id) {
    return crfs.findById(id).orElseThrow(() -> new CrfNotFoundException("crf.notFound", id));
  }

  private CrfVersion version(Long id) {
    return versions.findById(id).orElseThrow(() -> new CrfNotFoundException("crf.version.notFound", id));
  }

  /** A LIKE pattern matching names that contain {@code text}, its wildcards taken literally. */
  private static String likePattern(String text) {
    String escaped = text.toLowerCase(Locale.ROOT)
        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  /** The file name without any path a browser may send, kept within the column's length. */
  private static String safeFileName(String fileName) {
    String name = fileName == null ? "crf.xls" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    if (name.isEmpty()) {
      name = "crf.xls";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  private static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder sb = new StringBuilder(64);
      for (byte b : digest) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
