package dev.wxacode.server.internal.http;

import dev.wxacode.server.config.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An app's IP allow-list for token requests: exact addresses, IPv4 or IPv6. */
public final class IpWhitelist {
    private IpWhitelist() {
    }

    public static boolean allows(List<String> whitelist, String caller) {
        String canonicalCaller = IpAddresses.canonical(caller);
        return whitelist.stream().anyMatch(entry -> IpAddresses.canonical(entry).equals(canonicalCaller));
    }

    /** The two spellings WeChat's 40164 message gives: {@code 1.2.3.4} and {@code ::ffff:1.2.3.4}. */
    public static String[] spellings(String caller) {
        String canonicalCaller = IpAddresses.canonical(caller);
        try {
            boolean v4 = InetAddress.getByName(canonicalCaller) instanceof Inet4Address;
            return new String[] {canonicalCaller, v4 ? "::ffff:" + canonicalCaller : canonicalCaller};
        } catch (UnknownHostException e) {
            throw new IllegalStateException("canonical address did not parse", e);
        }
    }
}
