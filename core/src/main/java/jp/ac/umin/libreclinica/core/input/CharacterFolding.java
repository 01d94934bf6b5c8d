package jp.ac.umin.libreclinica.core.input;

/**
 * Folds characters that users of one script type for others (e.g. full-width digits typed with
 * a Japanese IME) into the characters a field expects. A language module contributes one as a
 * bean; {@link InputNormaliser} applies every one to structured input, never to free text.
 */
public interface CharacterFolding {

  /** Returns {@code input} folded for a field of the given kind (never {@code FREE_TEXT}). */
  String fold(String input, InputKind kind);
}
