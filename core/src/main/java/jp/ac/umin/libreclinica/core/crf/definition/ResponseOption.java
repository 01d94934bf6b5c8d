package jp.ac.umin.libreclinica.core.crf.definition;

/** One choice of a response set: the text shown and the value stored. */
public record ResponseOption(String text, String value) {}
