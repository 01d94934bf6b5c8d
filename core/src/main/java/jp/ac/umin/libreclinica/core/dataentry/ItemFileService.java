package jp.ac.umin.libreclinica.core.dataentry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import jp.ac.umin.libreclinica.core.account.Permission;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.crf.Item;
import jp.ac.umin.libreclinica.core.crf.ItemRepository;
import jp.ac.umin.libreclinica.core.crf.definition.GroupDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyOperation;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files of FILE items: kept in the database under generated ids (the uploaded name is only
 * shown), limited in size and type, downloadable only by users who may see the subject's data,
 * audited, never deleted (a replaced file stays). The item's value is the current file's id.
 */
@Service
@Transactional(readOnly = true)
public class ItemFileService {

  private final EventCrfRepository eventCrfs;
  private final ItemFileRepository files;
  private final ItemDataRepository itemData;
  private final ItemRepository items;
  private final CrfService crfs;
  private final AuthorizationService authorization;
  private final StudyService studies;
  private final AuditService audit;
  private final Clock clock;
  private final long maxBytes;
  private final Set<String> allowedExtensions;
  private DataEntryNotes notes;

  public ItemFileService(
      EventCrfRepository eventCrfs,
      ItemFileRepository files,
      ItemDataRepository itemData,
      ItemRepository items,
      CrfService crfs,
      AuthorizationService authorization,
      StudyService studies,
      AuditService audit,
      Clock clock,
      @Value("${lc.dataentry.file.max-bytes:10485760}") long maxBytes,
      @Value("${lc.dataentry.file.allowed-types:pdf,jpg,jpeg,png,gif,tif,tiff,txt,csv,doc,docx,xls,xlsx,odt,ods}")
          String allowedTypes) {
    this.eventCrfs = eventCrfs;
    this.files = files;
    this.itemData = itemData;
    this.items = items;
    this.crfs = crfs;
    this.authorization = authorization;
    this.studies = studies;
    this.audit = audit;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.allowedExtensions =
        Arrays.stream(allowedTypes.split(","))
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Stores an uploaded file for one FILE item (and row) and makes it the item's value; the
   * file it replaces is kept. Too large or of a refused type: refused naming the item, nothing
   * stored.
   */
  @Transactional
  public ItemFile upload(
      String actor, long eventCrfId, String itemName, int row, String uploadedName, String contentType, byte[] content) {
    return upload(actor, eventCrfId, itemName, row, uploadedName, contentType, content, null);
  }

  /**
   * As {@link #upload(String, long, String, int, String, String, byte[])}; after completion
   * (administrative editing) in a study that forces a reason for change, the upload changes the
   * item's value only with {@code reasonForChange}, which goes into the audit trail and a
   * Reason for Change note, as for typed values.
   */
  @Transactional
  public ItemFile upload(
      String actor, long eventCrfId, String itemName, int row, String uploadedName, String contentType, byte[] content,
      String reasonForChange) {
    Target t = target(actor, eventCrfId, itemName, row);
    String shownName = displayName(uploadedName);
    if (content == null || content.length == 0) {
      throw new DataEntryException("dataentry.file.empty", itemName);
    }
    if (content.length > maxBytes) {
      throw new DataEntryException("dataentry.file.tooLarge", itemName, maxBytes / (1024 * 1024));
    }
    int dot = shownName.lastIndexOf('.');
    String extension = dot < 0 ? "" : shownName.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!allowedExtensions.contains(extension)) {
      throw new DataEntryException(
          "dataentry.file.typeRefused", itemName, String.join(", ", allowedExtensions.stream().sorted().toList()));
    }
    String reason = reasonFor(t, reasonForChange);
    Instant now = clock.instant();
    List<ItemFile> earlier = files.findByEventCrfIdAndItemIdAndOrdinalOrderByIdAsc(eventCrfId, t.item.getId(), row);
    earlier.stream().filter(ItemFile::isCurrent).forEach(ItemFile::replaced);
    String type = contentType == null || contentType.isBlank() || contentType.length() > 255
        ? "application/octet-stream" : contentType;
    ItemFile stored = files.saveAndFlush(
        new ItemFile(eventCrfId, t.item.getId(), row, shownName, type, content, sha256(content), actor, now));
    audit.record(
        AuditEvent.of("item.file.upload", "ItemFile", stored.getId())
            .withActor(actor)
            .withStudyId(t.rootStudy)
            .withNewValue(itemName + "[" + row + "]: " + shownName + " (" + content.length + " bytes, sha256 " + stored.getSha256() + ")")
            .withReason(reason));
    changeValue(actor, t, row, String.valueOf(stored.getId()), reason, now);
    return stored;
  }

  /**
   * Removes the current file of a FILE item (and row): the item's value becomes empty, the file
   * stays stored (status {@code REPLACED}, no longer the item's value) and can still be
   * downloaded from the audit trail's id. After completion in a study that forces a reason for
   * change, only with {@code reasonForChange}. Without a current file nothing changes.
   */
  @Transactional
  public void remove(String actor, long eventCrfId, String itemName, int row, String reasonForChange) {
    Target t = target(actor, eventCrfId, itemName, row);
    List<ItemFile> current =
        files.findByEventCrfIdAndItemIdAndOrdinalOrderByIdAsc(eventCrfId, t.item.getId(), row).stream()
            .filter(ItemFile::isCurrent).toList();
    ItemData value = currentValue(eventCrfId, t.item.getId(), row);
    if (current.isEmpty() && (value == null || value.getValue().isEmpty())) {
      throw new DataEntryException("dataentry.file.noneToRemove", itemName);
    }
    String reason = reasonFor(t, reasonForChange);
    Instant now = clock.instant();
    for (ItemFile f : current) {
      f.replaced();
      audit.record(
          AuditEvent.of("item.file.remove", "ItemFile", f.getId())
              .withActor(actor)
              .withStudyId(t.rootStudy)
              .withOldValue(itemName + "[" + row + "]: " + f.getOriginalName())
              .withReason(reason));
    }
    files.flush();
    changeValue(actor, t, row, "", reason, now);
  }

  /** The event CRF and the FILE item a change is for, once the user may change it. */
  private Target target(String actor, long eventCrfId, String itemName, int row) {
    EventCrf e = eventCrfs.findById(eventCrfId).orElseThrow(() -> new DataEntryException("dataentry.notFound", eventCrfId));
    authorization.require(actor, e.getStudyId(), Permission.ENTER_DATA);
    Study where = studies.get(e.getStudyId());
    studies.requireAllowed(where, StudyOperation.ENTER_DATA);
    if (e.getStatus().inSecondEntry()) {
      throw new DataEntryException("dataentry.dde.firstPassClosed");
    }
    if (!e.getStatus().acceptsChanges()) {
      throw new DataEntryException("dataentry.save.closed", e.getStatus().code());
    }
    boolean administrative = e.getStatus() == EventCrfStatus.DATA_ENTRY_COMPLETE;
    if (administrative) {
      authorization.require(actor, e.getStudyId(), Permission.ADMINISTRATIVE_EDITING);
    }
    CrfVersionDetail version = crfs.getVersion(e.getCrfVersionId());
    ItemDefinition d =
        version.definition().items().stream().filter(i -> i.name().equals(itemName)).findFirst().orElse(null);
    Item item = items.findByCrfId(e.getCrfId()).stream().filter(i -> i.getName().equals(itemName)).findFirst().orElse(null);
    if (d == null || item == null) {
      throw new DataEntryException("dataentry.item.unknown", itemName);
    }
    if (d.responseType() != ResponseType.FILE) {
      throw new DataEntryException("dataentry.file.notFileItem", itemName);
    }
    GroupDefinition g = d.groupLabel() == null ? null : version.definition().group(d.groupLabel());
    int maxRows = g != null && g.repeatMax() > 1 ? g.repeatMax() : 1;
    if (row < 1 || row > maxRows) {
      throw new DataEntryException("dataentry.item.noSuchRow", itemName, row);
    }
    boolean reasonNeeded = administrative && where.getParameters().isAdminForcedReasonForChange();
    long rootStudy = where.isSite() ? where.getParent().getId() : where.getId();
    return new Target(e, item, itemName, administrative, reasonNeeded, rootStudy);
  }

  private record Target(
      EventCrf eventCrf, Item item, String itemName, boolean administrative, boolean reasonNeeded, long rootStudy) {}

  /** The reason to record (null when none was given); refused naming the item when one is needed. */
  private static String reasonFor(Target t, String reasonForChange) {
    String reason = reasonForChange == null || reasonForChange.isBlank() ? null : reasonForChange.strip();
    if (t.reasonNeeded && reason == null) {
      throw new DataEntryException("dataentry.file.reasonRequired", t.itemName);
    }
    return reason;
  }

  private ItemData currentValue(long eventCrfId, long itemId, int row) {
    return itemData.findByEventCrfId(eventCrfId).stream()
        .filter(x -> x.getItemId() == itemId && x.getOrdinal() == row)
        .findFirst().orElse(null);
  }

  /** Sets the item's value to the file id (or empty), audited with its reason and noted. */
  private void changeValue(String actor, Target t, int row, String value, String reason, Instant now) {
    long eventCrfId = t.eventCrf.getId();
    ItemData current = currentValue(eventCrfId, t.item.getId(), row);
    String old = current == null ? "" : current.getValue();
    ItemData dataRow;
    if (current == null) {
      dataRow = itemData.save(new ItemData(eventCrfId, t.item.getId(), row, value, actor, now));
    } else {
      current.change(value, actor, now);
      dataRow = current;
    }
    itemData.flush();
    audit.record(
        AuditEvent.of(t.administrative ? "item.value.administrative" : "item.value", "ItemData", dataRow.getId())
            .withActor(actor)
            .withStudyId(t.rootStudy)
            .withOldValue(old)
            .withNewValue(value)
            .withReason(reason));
    if (t.administrative && reason != null && notes != null) {
      notes.reasonForChange(actor, eventCrfId, new ItemKey(t.itemName, row), reason);
    }
  }

  /** Connects the Reason for Change notes (optional; see {@link DataEntryNotes}). */
  @Autowired(required = false)
  void setNotes(DataEntryNotes notes) {
    this.notes = notes;
  }

  /** A stored file, for users who may view the data of the subject it belongs to. */
  @Transactional
  public ItemFile download(String actor, long fileId) {
    ItemFile f = files.findById(fileId).orElseThrow(() -> new DataEntryException("dataentry.file.notFound", fileId));
    EventCrf e = eventCrfs.findById(f.getEventCrfId()).orElseThrow(() -> new DataEntryException("dataentry.file.notFound", fileId));
    authorization.require(actor, e.getStudyId(), Permission.VIEW_STUDY);
    Study where = studies.get(e.getStudyId());
    audit.record(
        AuditEvent.of("item.file.download", "ItemFile", f.getId())
            .withActor(actor)
            .withStudyId(where.isSite() ? where.getParent().getId() : where.getId()));
    return f;
  }

  /** Only the last path segment of an uploaded name is kept, and only to be shown. */
  static String displayName(String uploaded) {
    String n = uploaded == null ? "" : uploaded;
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    n = n.replaceAll("[\\p{Cntrl}]", "").strip();
    if (n.isEmpty() || n.equals(".") || n.equals("..")) {
      n = "file";
    }
    return n.length() > 200 ? n.substring(n.length() - 200) : n;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
