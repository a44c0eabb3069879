package io.calamari.server.info;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The management host's names and address, as Calamari's {@code info} reported them. */
public record HostIdentity(
        @Nullable String hostname,
        @Nullable String fqdn,
        @Nullable String ipAddress) {

    /**
     * Looks the host up once: short name, fully qualified name, and the address the FQDN resolves to
     * (or, failing that, the first non-loopback interface address). Unknowns are null.
     */
    public static HostIdentity detect() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String fqdn = local.getCanonicalHostName();
            String hostname = local.getHostName().split("\\.", 2)[0];
            String address = local.isLoopbackAddress()
                    ? firstNonLoopbackAddress().orElse(local.getHostAddress())
                    : local.getHostAddress();
            return new HostIdentity(hostname, fqdn, address);
        } catch (UnknownHostException e) {
            return new HostIdentity(null, null, firstNonLoopbackAddress().orElse(null));
        }
    }

    private static Optional<String> firstNonLoopbackAddress() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (network.isUp() && !network.isLoopback()) {
                    for (InetAddress address : Collections.list(network.getInetAddresses())) {
                        if (address.getAddress().length == 4) {
                            return Optional.of(address.getHostAddress());
                        }
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
