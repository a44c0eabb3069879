package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One monitor of the mon map. {@code address} is the legacy {@code ip:port/nonce} address;
 * {@code publicAddresses} the address vector as {@code type:ip:port/nonce} strings. Immutable.
 */
public record Mon(String name, int rank, String address, List<String> publicAddresses) {
    public Mon {
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        publicAddresses = List.copyOf(publicAddresses);
    }
}
