package jp.ac.umin.libreclinica.core.odm;

/** Writing an ODM file failed (the output stream broke, most often: the client went away). */
public class OdmWriteException extends RuntimeException {

  public OdmWriteException(Throwable cause) {
    super(cause);
  }
}
