package jp.ac.umin.libreclinica.core.event;

/** Where a CRF is attached: the study and the event definition, with the attachment's status. */
public record CrfUse(
    long studyId,
    String studyName,
    String protocolId,
    long eventDefinitionId,
    String eventName,
    String eventOid,
    long eventDefinitionCrfId,
    DesignStatus status) {}
