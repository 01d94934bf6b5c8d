package jp.ac.umin.libreclinica.core.casebook;

/** How many subjects (matching the filters other than the site) a site or the study level has. */
public record SiteCount(long siteId, String protocolId, String name, long subjects) {}
