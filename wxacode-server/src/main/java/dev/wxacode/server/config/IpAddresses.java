package dev.wxacode.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * IP addresses and ranges as settings and app whitelists spell them. Only literals: a host name
 * here would mean a DNS lookup on every token request, or one lookup at start that goes stale.
 */
public final class IpAddresses {
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpAddresses() {
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

    /**
     * @param entries addresses, CIDR ranges ({@code 10.0.1.0/29}) or ranges ({@code 10.0.0.1-10.0.0.9})
     * @throws IllegalArgumentException for an entry that is none of those
     */
    public static InetAddressSet ranges(List<String> entries) {
        InetAddressSet set = new InetAddressSet();
        for (String entry : entries) {
            requireLiterals(entry);
            set.add(entry);
        }
        return set;
    }

    /** Jetty's set would also take a host name and resolve it once, at start: not what a list of proxies should mean. */
    private static void requireLiterals(String entry) {
        String[] parts = entry.split("/", -1);
        if (parts.length == 2 && !parts[1].matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("not a prefix length: " + entry);
        }
        if (parts.length > 2) {
            throw new IllegalArgumentException("not an address or range: " + entry);
        }
        for (String address : parts[0].split("-", -1)) {
            canonical(address);
        }
    }
}
