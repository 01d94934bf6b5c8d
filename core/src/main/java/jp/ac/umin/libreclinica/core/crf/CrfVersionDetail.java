package jp.ac.umin.libreclinica.core.crf;

import java.util.Map;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;

/**
 * A stored CRF version with everything in it, as a {@link CrfDefinition} (the same shape an
 * upload is read into) plus the OIDs: of the CRF, of each item group (by label) and of each
 * item (by name).
 */
public record CrfVersionDetail(
    CrfVersionSummary version,
    String crfName,
    String crfOid,
    CrfDefinition definition,
    Map<String, String> groupOids,
    Map<String, String> itemOids) {}
