package jp.ac.umin.libreclinica.ws.api.signature;

/**
 * A signature: of one event ({@code studyEventId}) or of the whole casebook (null), over the
 * data whose hash the signer reviewed ({@code sha256}, from the signing preview), with the
 * signer's password.
 */
public record SignRequest(Long studyEventId, String sha256, String password) {}
