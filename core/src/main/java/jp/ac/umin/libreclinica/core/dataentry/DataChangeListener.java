package jp.ac.umin.libreclinica.core.dataentry;

/**
 * Told, inside the saving transaction, that values of an event CRF changed: whatever vouched
 * for the old values (source data verification, a signature) must no longer stand.
 */
public interface DataChangeListener {

  void valuesChanged(String actor, EventCrf eventCrf);
}
