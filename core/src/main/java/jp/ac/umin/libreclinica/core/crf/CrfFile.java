package jp.ac.umin.libreclinica.core.crf;

/** The original spreadsheet of a CRF version, for download. */
public record CrfFile(String fileName, String contentType, byte[] content) {}
