package io.calamari.ceph.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.calamari.ceph.rados.RadosUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Loads librados once per JVM, turning a missing library into {@link RadosUnavailableException}. Thread-safe. */
final class LibRadosLoader {
    static final String LIBRARY = "librados.so.2";

    private static @Nullable LibRados library;

    private LibRadosLoader() {}

    /** Returns the loaded {@value #LIBRARY}, loading it on first use. */
    static synchronized LibRados library() {
        LibRados loaded = library;
        if (loaded == null) {
            loaded = load(LIBRARY);
            library = loaded;
        }
        return loaded;
    }

    /** Loads {@code libraryName} (a file name the dynamic linker resolves, or an absolute path). */
    static LibRados load(String libraryName) {
        try {
            return Native.load(
                    libraryName, LibRados.class, Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name()));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new RadosUnavailableException(
                    "librados is not available (could not load " + libraryName + "); install the Debian package"
                            + " librados2 (apt-get install -y librados2): " + e.getMessage(),
                    e);
        }
    }
}
