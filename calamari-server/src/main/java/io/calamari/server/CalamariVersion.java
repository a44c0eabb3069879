package io.calamari.server;

/** The server's version, from the jar manifest; {@code dev} when run from classes. */
public final class CalamariVersion {
    private CalamariVersion() {}

    public static String current() {
        String version = CalamariVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
