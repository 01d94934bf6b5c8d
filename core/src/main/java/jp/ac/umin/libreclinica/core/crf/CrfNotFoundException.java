package jp.ac.umin.libreclinica.core.crf;

import jp.ac.umin.libreclinica.core.input.InvalidInputException;

/** No CRF or CRF version with the given id ({@code crf.notFound}, {@code crf.version.notFound}). */
public class CrfNotFoundException extends InvalidInputException {

  public CrfNotFoundException(String messageKey, Object id) {
    super(messageKey, id);
  }
}
