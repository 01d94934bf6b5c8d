package jp.ac.umin.libreclinica.core.crf;

/**
 * Tells whether a CRF version holds data. Data entry provides it (a bean of this type); until
 * then no version holds data. {@link CrfService#checkDeletable(Long)} asks it.
 */
public interface CrfVersionUsage {

  boolean hasData(Long crfVersionId);
}
