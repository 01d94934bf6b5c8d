package jp.ac.umin.libreclinica.core.crf;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;

/**
 * A committed upload: the CRF and version created (and whether the CRF is new), with the
 * warnings the spreadsheet gave.
 */
public record CrfUploadOutcome(
    Long crfId,
    String crfOid,
    Long crfVersionId,
    String crfVersionOid,
    boolean newCrf,
    int itemCount,
    List<TemplateProblem> warnings) {}
