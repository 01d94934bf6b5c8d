package jp.ac.umin.libreclinica.core.crf.definition;

/**
 * A section: one page of data entry. {@code subtitle} and {@code instructions} are sanitised
 * HTML; {@code title} is plain text.
 */
public record SectionDefinition(
    String label,
    String title,
    String subtitle,
    String instructions,
    String pageNumber,
    String parentLabel,
    Integer borders) {}
