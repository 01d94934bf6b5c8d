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
    if (e.getStatus() == EventCrfStatus.DATA_ENTRY_COMPLETE) {
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
    Instant now = clock.instant();
    List<ItemFile> earlier = files.findByEventCrfIdAndItemIdAndOrdinalOrderByIdAsc(eventCrfId, item.getId(), row);
    earlier.stream().filter(ItemFile::isCurrent).forEach(ItemFile::replaced);
    String type = contentType == null || contentType.isBlank() || contentType.length() > 255
        ? "application/octet-stream" : contentType;
    ItemFile stored = files.saveAndFlush(
        new ItemFile(eventCrfId, item.getId(), row, shownName, type, content, sha256(content), actor, now));
    long rootStudy = where.isSite() ? where.getParent().getId() : where.getId();
    audit.record(
        AuditEvent.of("item.file.upload", "ItemFile", stored.getId())
            .withActor(actor)
            .withStudyId(rootStudy)
            .withNewValue(itemName + "[" + row + "]: " + shownName + " (" + content.length + " bytes, sha256 " + stored.getSha256() + ")"));
    ItemData current =
        itemData.findByEventCrfId(eventCrfId).stream()
            .filter(x -> x.getItemId() == item.getId() && x.getOrdinal() == row)
            .findFirst().orElse(null);
    String old = current == null ? "" : current.getValue();
    String value = String.valueOf(stored.getId());
    ItemData dataRow;
    if (current == null) {
      dataRow = itemData.save(new ItemData(eventCrfId, item.getId(), row, value, actor, now));
    } else {
      current.change(value, actor, now);
      dataRow = current;
    }
    itemData.flush();
    audit.record(
        AuditEvent.of("item.value", "ItemData", dataRow.getId())
            .withActor(actor)
            .withStudyId(rootStudy)
            .withOldValue(old)
            .withNewValue(value));
    return stored;
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
