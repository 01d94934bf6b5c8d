package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.util.List;
import java.util.Map;

/**
 * A finished import: the import's id, the new study, what was created, what could not be
 * carried, and the OIDs that changed ({@code kind:fileOid} to the OID here; kinds {@code study},
 * {@code event}, {@code form}, {@code group}, {@code item}, {@code subject}).
 */
public record StudyImportResult(
    long importId,
    long studyId,
    String studyOid,
    StudyImportCounts counts,
    List<NotCarried> notCarried,
    Map<String, String> changedOids) {

  public StudyImportResult {
    notCarried = List.copyOf(notCarried);
    changedOids = Map.copyOf(changedOids);
  }

  /** The OID here of an OID of the file ({@code kind} as above); the same when it did not change. */
  public String oid(String kind, String fileOid) {
    return changedOids.getOrDefault(kind + ":" + fileOid, fileOid);
  }
}
