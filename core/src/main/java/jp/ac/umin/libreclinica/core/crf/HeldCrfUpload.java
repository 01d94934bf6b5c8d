package jp.ac.umin.libreclinica.core.crf;

/** A previewed spreadsheet held for its commit: the token the page carries, name and bytes. */
public record HeldCrfUpload(String token, String fileName, byte[] content) {}
