package jp.ac.umin.libreclinica.core.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * LibreClinica's study roles. The internal name is what ODM and the web services carry; it is
 * not unique on its own ({@code investigator} is a Data Specialist at study level and an
 * Investigator at site level), so a role is its internal name <em>and</em> its level.
 * What each role may do is decided in {@link RolePolicy}.
 */
public enum Role {
  DATA_MANAGER("coordinator", RoleLevel.STUDY),
  STUDY_DIRECTOR("director", RoleLevel.STUDY),
  DATA_SPECIALIST("investigator", RoleLevel.STUDY),
  STUDY_MONITOR("monitor", RoleLevel.STUDY),
  DATA_ENTRY_PERSON("ra", RoleLevel.STUDY),
  INVESTIGATOR("investigator", RoleLevel.SITE),
  CLINICAL_RESEARCH_COORDINATOR("ra", RoleLevel.SITE),
  SITE_MONITOR("monitor", RoleLevel.SITE),
  DATA_ENTRY_PERSON_2("ra2", RoleLevel.SITE);

  private final String internalName;
  private final RoleLevel level;

  Role(String internalName, RoleLevel level) {
    this.internalName = internalName;
    this.level = level;
  }

  /** LibreClinica's internal role name, as in ODM and the web services. */
  public String internalName() {
    return internalName;
  }

  public RoleLevel level() {
    return level;
  }

  /** Message key of the display name ({@code role.SITE.investigator}). */
  public String messageKey() {
    return "role." + level.name() + "." + internalName;
  }

  /** The role with this internal name at this level, if LibreClinica has one. */
  public static Optional<Role> of(String internalName, RoleLevel level) {
    return Arrays.stream(values())
        .filter(r -> r.level == level && r.internalName.equals(internalName))
        .findFirst();
  }

  /** The roles that can be held at this level, in LibreClinica's order. */
  public static List<Role> at(RoleLevel level) {
    return Arrays.stream(values()).filter(r -> r.level == level).toList();
  }
}
