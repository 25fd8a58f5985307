package org.chamberpulse.dashboard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who a limit counts as one client: an IPv4 address, or an IPv6 /64 (one home or phone has a whole /64). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return remoteAddress == null ? "" : remoteAddress;
        }
        try {
            // A literal: getByName does not resolve it.
            InetAddress address = InetAddress.getByName(remoteAddress.startsWith("[") ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
