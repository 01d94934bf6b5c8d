/**
 * The whole design of a study or site in one read model: details and parameters, sites, event
 * definitions in order with their CRFs, the parameters that apply (a site's overrides
 * included) and the usable CRF versions with everything in them, and the subject group
 * classes. {@link jp.ac.umin.libreclinica.core.design.StudyDesignService} assembles it for the
 * "study design" page and for the ODM metadata export ({@code core.odm}).
 */
package jp.ac.umin.libreclinica.core.design;
