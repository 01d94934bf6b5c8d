package jp.ac.umin.libreclinica.core.crf.definition;

/** How the options of a radio or checkbox item are arranged. */
public enum ResponseLayout {
  VERTICAL,
  HORIZONTAL
}
