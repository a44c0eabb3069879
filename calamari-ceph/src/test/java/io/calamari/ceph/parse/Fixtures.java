package io.calamari.ceph.parse;

import io.calamari.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Loads recorded Ceph output from {@code src/test/resources/ceph}, and edited copies of it. */
public final class Fixtures {
    public static final String HEALTHY = "pacific/healthy-3osd";
    public static final String DEGRADED = "pacific/degraded";
    public static final String EMPTY = "handmade/empty-cluster";

    private static final JsonMapper MAPPER = Json.newMapper();

    private Fixtures() {}

    public static byte[] bytes(String cluster, String file) {
        String path = "/ceph/" + cluster + "/" + file;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String cluster, String file) {
        return new String(bytes(cluster, file), StandardCharsets.UTF_8);
    }

    public static JsonNode tree(String cluster, String file) {
        return MAPPER.readTree(bytes(cluster, file));
    }

    /** A parsed copy of the fixture after {@code edit} changed the root object. */
    public static JsonNode edited(String cluster, String file, Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) tree(cluster, file);
        edit.accept(root);
        return root;
    }

    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }
}
