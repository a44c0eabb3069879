package io.calamari.server.crush;

import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.parse.CrushDumpParser;
import io.calamari.server.cluster.CompiledCrushMap;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.request.RequestCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Looking into compiled CRUSH maps in tests, with the real crushtool. */
final class CompiledMaps {
    private CompiledMaps() {}

    /** The map as {@code osd crush dump} would show it ({@code crushtool --dump}). */
    static CrushMap dump(byte[] compiled) {
        return CrushDumpParser.parse(run(compiled, "--dump"));
    }

    /** The map in text form. */
    static String text(byte[] compiled) {
        return CrushTool.onPath().decompile(new CompiledCrushMap(compiled));
    }

    /** The same OSD map with another CRUSH map. */
    static OsdMapPart withCrush(OsdMapPart part, CrushMap crush) {
        return OsdMapPart.of(
                part.map(), part.tree(), crush, List.copyOf(part.metadata().values()), part.compiledCrush());
    }

    /** The input of the only command of a plan that sets the CRUSH map. */
    static byte[] setCrushMapInput(RequestCommand command) {
        if (!command.prefix().equals("osd setcrushmap")) {
            throw new AssertionError("not osd setcrushmap: " + command);
        }
        return command.input();
    }

    private static byte[] run(byte[] compiled, String option) {
        try {
            Path input = Files.createTempFile("compiled", ".bin");
            try {
                Files.write(input, compiled);
                Process process = new ProcessBuilder("crushtool", "-i", input.toString(), option)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                byte[] output = process.getInputStream().readAllBytes();
                if (process.waitFor() != 0) {
                    throw new AssertionError("crushtool " + option + " failed");
                }
                return output;
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
