package jp.ac.umin.libreclinica.core.odm.studyimport;

import jp.ac.umin.libreclinica.core.shared.MessageKeyException;

/**
 * Why an extract cannot become a study: a message key of {@code i18n/studyimport} with its
 * arguments (the line and element where the problem is, when known). Nothing has been created.
 */
public class StudyImportException extends MessageKeyException {

  public StudyImportException(String messageKey, Object... arguments) {
    super(messageKey, arguments);
  }
}
