package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** The binary CRUSH map of one OSD map epoch ({@code osd getcrushmap}). Immutable. */
public record CompiledCrushMap(byte[] bytes) {
    public CompiledCrushMap {
        bytes = requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompiledCrushMap that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CompiledCrushMap[" + bytes.length + " bytes]";
    }
}
