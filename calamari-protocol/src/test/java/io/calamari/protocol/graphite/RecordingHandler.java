package io.calamari.protocol.graphite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A handler that records what the decoders report, names decoded as UTF-8. */
final class RecordingHandler implements GraphiteHandler {
    record Point(String name, double value, double timestamp) {}

    record Rejected(Rejection reason, String detail) {}

    final List<Point> points = new ArrayList<>();
    final List<Rejected> rejections = new ArrayList<>();

    @Override
    public void point(byte[] name, int nameOffset, int nameLength, double value, double timestamp) {
        points.add(new Point(new String(name, nameOffset, nameLength, StandardCharsets.UTF_8), value, timestamp));
    }

    @Override
    public void rejected(Rejection reason, byte[] data, int offset, int length) {
        rejections.add(new Rejected(reason, new String(data, offset, length, StandardCharsets.UTF_8)));
    }

    List<Rejection> reasons() {
        return rejections.stream().map(Rejected::reason).toList();
    }
}
