package jp.ac.umin.libreclinica.core.input;

/** What a field holds, which decides how its input is normalised. */
public enum InputKind {
  /** Integers and decimals. */
  NUMBER,
  /** Dates and partial dates. */
  DATE,
  /** Times of day. */
  TIME,
  /** Identifiers: subject IDs, OIDs, user names, codes. */
  CODE,
  /** Free text: stored exactly as typed (in Unicode NFC). */
  FREE_TEXT
}
