package dev.wxacode.server.internal.http;

import dev.wxacode.server.config.IpAddresses;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The address a token request came from, for apps' IP whitelists. Behind a load balancer the TCP
 * peer is the balancer, and the caller is in {@code X-Forwarded-For}, which a caller can also
 * write. So the header is believed only from the configured proxies, and read from the right: each
 * trusted proxy appends the address it saw, and the first address from the right that is not a
 * trusted proxy is the caller. What a caller wrote into the header itself lies further left.
 */
public final class CallerAddress {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final InetAddressSet trusted;

    /**
     * @param trustedProxies addresses, CIDR ranges ({@code 10.0.1.0/29}) or ranges ({@code 10.0.0.1-10.0.0.9})
     * @throws IllegalArgumentException for an entry that is none of those
     */
    public CallerAddress(List<String> trustedProxies) {
        trusted = IpAddresses.ranges(trustedProxies);
    }

    /**
     * An address as getRidInfo shows it, partly hidden: the second group of an IPv4 address
     * ({@code 113.xx.70.51}, WeChat's own spelling), and all but the first two groups of an IPv6
     * one, so the log tells a caller's network without keeping who it was exactly.
     */
    public static String masked(String address) {
        if (address == null || address.isEmpty()) {
            return "";
        }
        String[] ipv4 = address.split("\\.");
        if (ipv4.length == 4) {
            return ipv4[0] + ".xx." + ipv4[2] + "." + ipv4[3];
        }
        String[] ipv6 = address.split(":");
        return ipv6.length > 2 ? ipv6[0] + ":" + ipv6[1] + ":xx" : "xx";
    }

    public String of(Context ctx) {
        return of(Inbound.of(ctx));
    }

    public String of(Inbound request) {
        String peer = request.peer();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers(FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String caller = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop;
            try {
                hop = IpAddresses.canonical(hops.get(i));
            } catch (IllegalArgumentException notAnAddress) {
                // The chain cannot be followed past a hop that is not an address.
                return caller;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
            caller = hop;
        }
        return caller;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        try {
            return trusted.test(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
