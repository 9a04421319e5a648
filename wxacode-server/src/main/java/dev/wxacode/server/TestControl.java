package dev.wxacode.server;

import dev.wxacode.core.wire.WxException;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.fault.FaultSpec;
import dev.wxacode.server.internal.fault.Faults;
import dev.wxacode.server.internal.requests.RequestLog;
import dev.wxacode.server.internal.token.TokenService;
import dev.wxacode.server.requests.LoggedRequest;
import java.util.List;

/**
 * What a test drives on a running server in its own process, as the admin API drives it over
 * HTTP: an app's fault rules, its request log, the end of its tokens. wxacode-junit works through
 * this, so the server's services stay its own; every method takes a registered appid.
 */
public final class TestControl {
    private final Faults faults;
    private final RequestLog requests;
    private final TokenService tokens;

    TestControl(Faults faults, RequestLog requests, TokenService tokens) {
        this.faults = faults;
        this.requests = requests;
        this.tokens = tokens;
    }

    /**
     * @return the rule, with the id the server gave it
     * @throws WxException 990104 for a rule the server refuses, saying why
     */
    public FaultRule addFault(String appid, FaultSpec spec) {
        return faults.add(appid, spec);
    }

    /** The app's rules still in force, oldest first, each with the calls it has left. */
    public List<FaultRule> faults(String appid) {
        return faults.list(appid);
    }

    /** @return false if the app has no rule {@code id} (it ended, say) */
    public boolean removeFault(String appid, String id) {
        return faults.remove(appid, id);
    }

    public void clearFaults(String appid) {
        faults.clear(appid);
    }

    /** The app's calls the request log keeps, oldest first. */
    public List<LoggedRequest> requests(String appid) {
        return requests.recent(appid);
    }

    /** The app's calls after {@code seq}, oldest first, at most {@code limit}. */
    public List<LoggedRequest> requestsAfter(String appid, long seq, int limit) {
        return requests.after(appid, seq, limit);
    }

    public void clearRequests(String appid) {
        requests.clear(appid);
    }

    /** Every token of the app expires now: the next call with one gets 42001. */
    public void expireTokens(String appid) {
        tokens.endAll(appid, true);
    }

    /** Every token of the app is superseded now, as by a newer one fetched elsewhere: 40001. */
    public void supersedeTokens(String appid) {
        tokens.endAll(appid, false);
    }
}
