package org.chamberpulse.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of addresses, "10.0.0.0/8" or "fd00::/8" (a single address is its own block), as {@code trusted.proxies} lists them. */
public record Cidr(byte[] network, int prefix) {

    /** @throws IllegalArgumentException with the reason, for a block that is not one */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("'" + t + "' is not an address block such as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            // Only literals reach here (checked above), so no name is looked up.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + t + "' is not an address block such as 10.0.0.0/8 or fd00::/8");
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' has no prefix length after '/'");
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + t + "' has a prefix length outside 0.." + bytes.length * 8);
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
