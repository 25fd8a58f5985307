package org.chamberpulse.dashboard;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.chamberpulse.config.Cidr;

/**
 * Who a request counts as, for every per-client limit, the login throttle and the audit log: the peer, or,
 * when the peer is one of {@code trusted.proxies}, the address the proxies say they forwarded for
 * ({@code X-Forwarded-For}, read from the right: the first hop that is not a trusted proxy). Nobody else's
 * {@code X-Forwarded-For} is believed, so a client cannot choose its own address. An IPv6 client counts by
 * its /64, as one home or phone has a whole /64.
 */
public final class ClientAddress {

    /** The request attribute the web edge puts the client's address in, for the routes behind it. */
    public static final String ATTRIBUTE = "chamberpulse.client";

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Every peer is the client (no proxy trusted). */
    public static final ClientAddress DIRECT = new ClientAddress(List.of());

    /**
     * @param peer         the connection's remote address
     * @param forwardedFor the request's {@code X-Forwarded-For} header, or null
     */
    public String of(String peer, String forwardedFor) {
        InetAddress client = literal(peer);
        if (client == null) {
            return peer == null ? "" : peer;
        }
        if (forwardedFor != null && trusted(client)) {
            String[] hops = forwardedFor.split(",");
            for (int k = hops.length - 1; k >= 0; k--) {
                InetAddress hop = literal(withoutPort(hops[k].strip()));
                if (hop == null) {
                    break;
                }
                client = hop;
                if (!trusted(hop)) {
                    break;
                }
            }
        }
        return key(client);
    }

    /** The client of a request to a route, as the web edge found it. */
    public static String of(Context ctx) {
        Object resolved = ctx.attribute(ATTRIBUTE);
        return resolved instanceof String address ? address : DIRECT.of(ctx.ip(), null);
    }

    private boolean trusted(InetAddress address) {
        for (Cidr block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** An address written as a literal, or null: nothing here ever looks a name up. */
    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64 || !text.matches("\\[?[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?]?")) {
            return null;
        }
        try {
            return InetAddress.getByName(text.startsWith("[") ? text.substring(1, text.length() - 1) : text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
