package dev.wxacode.server.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** An app's IP allow-list for token requests: exact addresses, IPv4 or IPv6. */
public final class IpWhitelist {
    /** Only literals: a host name here would mean a DNS lookup on every token request. */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpWhitelist() {
    }

    /**
     * @return the address in canonical form ({@code ::ffff:1.2.3.4} becomes {@code 1.2.3.4})
     * @throws IllegalArgumentException unless {@code address} is an IP literal
     */
    public static String canonical(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!LITERAL.matcher(bare).matches()) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(bare).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    public static boolean allows(List<String> whitelist, String caller) {
        String canonicalCaller = canonical(caller);
        return whitelist.stream().anyMatch(entry -> canonical(entry).equals(canonicalCaller));
    }

    /** The two spellings WeChat's 40164 message gives: {@code 1.2.3.4} and {@code ::ffff:1.2.3.4}. */
    public static String[] spellings(String caller) {
        String canonicalCaller = canonical(caller);
        try {
            boolean v4 = InetAddress.getByName(canonicalCaller) instanceof Inet4Address;
            return new String[] {canonicalCaller, v4 ? "::ffff:" + canonicalCaller : canonicalCaller};
        } catch (UnknownHostException e) {
            throw new IllegalStateException("canonical address did not parse", e);
        }
    }
}
