package dev.wxacode.server.internal.fault;

import dev.wxacode.server.fault.FaultRule;
import java.util.List;

/** The fault rules kept over a restart. */
public interface FaultStore {

    /** Every kept rule, of every app, oldest first. */
    List<FaultRule> load();

    /** Stores the rule, or replaces the stored one of that id (with fewer calls left). */
    void save(FaultRule rule);

    void delete(String appid, String id);

    void deleteAll(String appid);
}
