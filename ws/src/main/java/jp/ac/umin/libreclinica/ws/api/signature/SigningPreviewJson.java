package jp.ac.umin.libreclinica.ws.api.signature;

/** What is about to be signed: the hash to send back, and the meaning in the caller's language. */
public record SigningPreviewJson(String sha256, String meaningKey, String meaningText, String signedData) {}
