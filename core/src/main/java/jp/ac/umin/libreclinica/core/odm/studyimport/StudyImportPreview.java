package jp.ac.umin.libreclinica.core.odm.studyimport;

import java.util.List;

/**
 * What an extract would become, before anything is created: the study's name, unique identifier
 * and OID, the counts, and what could not be carried.
 */
public record StudyImportPreview(
    String studyName,
    String protocolId,
    String studyOid,
    StudyImportCounts counts,
    List<NotCarried> notCarried) {

  public StudyImportPreview {
    notCarried = List.copyOf(notCarried);
  }
}
