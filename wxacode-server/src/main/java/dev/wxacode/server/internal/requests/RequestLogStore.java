package dev.wxacode.server.internal.requests;

import dev.wxacode.server.requests.LoggedRequest;
import java.util.List;
import java.util.Optional;

/**
 * Where the request log is kept when it must outlive the node and be one log for every node: the
 * database. Each app keeps its newest calls, up to the log's capacity.
 */
public interface RequestLogStore {
    /** Adds a call; its {@code seq} is ignored. @return the seq the store gave it, above every earlier one */
    long append(String appid, LoggedRequest request);

    /** The app's calls with a seq above {@code after}, oldest first, at most {@code limit}. */
    List<LoggedRequest> after(String appid, long after, int limit);

    /** The app's newest {@code limit} calls, oldest first. */
    List<LoggedRequest> newest(String appid, int limit);

    /** A kept call and the app it is of. */
    record Kept(String appid, LoggedRequest request) {
    }

    /** The newest kept call whose answer carried this rid, of whichever app. */
    Optional<Kept> find(String rid);

    /** Forgets all but the app's newest {@code keep} calls. */
    void trim(String appid, int keep);

    void clear(String appid);
}
