package jp.ac.umin.libreclinica.ws.api.signature;

import java.time.Instant;
import jp.ac.umin.libreclinica.core.signature.Signature;
import jp.ac.umin.libreclinica.core.signature.SignatureService.SignatureState;

/**
 * A signature as the API shows it; {@code valid} is read now (the hash of the signed data
 * recomputed), {@code status} is what was recorded.
 */
public record SignatureJson(
    long id,
    String scope,
    Long studyEventId,
    String signer,
    String signerFullName,
    Instant signedAt,
    String zone,
    String meaningKey,
    String meaningText,
    String meaningLocale,
    String sha256,
    String status,
    boolean valid,
    Instant invalidatedAt,
    String invalidatedBy) {

  static SignatureJson of(SignatureState st) {
    Signature s = st.signature();
    return new SignatureJson(s.getId(), s.isCasebook() ? "casebook" : "event", s.getStudyEventId(),
        s.getSignerUserName(), s.getSignerFullName(), s.getSignedAt(), s.getSignedZone(),
        s.getMeaningKey(), s.getMeaningText(), s.getMeaningLocale(), s.getSignedHash(),
        s.getStatus().name(), st.valid(), s.getInvalidatedAt(), s.getInvalidatedBy());
  }
}
