package jp.ac.umin.libreclinica.core.event;

import java.time.Instant;

/**
 * When and where a subject's event takes place, as the user gave it.
 *
 * @param start required
 * @param end optional, not before {@code start}
 * @param location free text; required, optional or ignored per the study parameter
 */
public record EventInput(Instant start, Instant end, String location) {}
