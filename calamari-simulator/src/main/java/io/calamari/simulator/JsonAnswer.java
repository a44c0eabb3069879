package io.calamari.simulator;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams one command's JSON answer into a byte array with Jackson's generator, so a large answer
 * never exists as a tree, and writes the small pieces several answers share in Ceph's formats
 * (time stamps, address vectors, numbers). Stateless and thread-safe.
 */
final class JsonAnswer {
    /** How one answer writes its document. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json);
    }

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter OSD_MAP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+0000'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MON_MAP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private JsonAnswer() {}

    static byte[] write(Body body) {
        return write(8192, body);
    }

    static byte[] write(int expectedBytes, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedBytes);
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            body.write(json);
        }
        return out.toByteArray();
    }

    /** Ceph's {@code utime_t} as most maps print it: {@code 2026-01-05T08:00:00.000000+0000}. */
    static String time(Instant instant) {
        return OSD_MAP_TIME.format(instant);
    }

    /** The monitor map's form of a time stamp: {@code 2026-01-05T08:00:00.000000Z}. */
    static String monMapTime(Instant instant) {
        return MON_MAP_TIME.format(instant);
    }

    /**
     * A number as Ceph's JSON formatter prints a {@code float}/{@code double}: integral values
     * without a fraction ({@code 1}, not {@code 1.0}).
     */
    static void number(JsonGenerator json, String name, double value) {
        json.writeName(name);
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }

    /** {@code "name": {"addrvec": [{"type": "v2", ...}, {"type": "v1", ...}]}}; v1 is left out when its port is 0. */
    static void addressVector(JsonGenerator json, String name, String host, int v2Port, int v1Port, long nonce) {
        json.writeName(name);
        json.writeStartObject();
        json.writeName("addrvec");
        json.writeStartArray();
        address(json, "v2", host + ":" + v2Port, nonce);
        if (v1Port != 0) {
            address(json, "v1", host + ":" + v1Port, nonce);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void address(JsonGenerator json, String type, String address, long nonce) {
        json.writeStartObject();
        json.writeStringProperty("type", type);
        json.writeStringProperty("addr", address);
        json.writeNumberProperty("nonce", nonce);
        json.writeEndObject();
    }

    /** The legacy form of an address vector: {@code [v2:10.0.0.1:6800/1234,v1:10.0.0.1:6801/1234]}. */
    static String legacyVector(String host, int v2Port, int v1Port, long nonce) {
        return "[v2:" + host + ":" + v2Port + "/" + nonce + ",v1:" + host + ":" + v1Port + "/" + nonce + "]";
    }

    static void stringArray(JsonGenerator json, String name, String... values) {
        json.writeName(name);
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    static void emptyArray(JsonGenerator json, String name) {
        json.writeName(name);
        json.writeStartArray();
        json.writeEndArray();
    }

    static void emptyObject(JsonGenerator json, String name) {
        json.writeName(name);
        json.writeStartObject();
        json.writeEndObject();
    }
}
