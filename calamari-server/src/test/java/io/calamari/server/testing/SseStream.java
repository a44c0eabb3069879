package io.calamari.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client end of a Server-Sent Events stream, parsed as the HTML standard says (fields
 * {@code id}, {@code event}, {@code data}; a blank line dispatches; lines starting with a colon are
 * comments) by a daemon thread into a queue, each event stamped with when it arrived.
 */
public final class SseStream implements AutoCloseable {
    /** One dispatched event. */
    public record SseEvent(String id, String event, String data, Instant received) {}

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final Thread reader;

    SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        this.reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    public int status() {
        return response.statusCode();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The body of a stream refused with an error status (a JSON error). */
    public String errorBody() {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The next event, waiting at most {@code timeout}. */
    public Optional<SseEvent> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The next {@code count} events; fails unless they all arrive within {@code timeout}. */
    public List<SseEvent> next(int count, Duration timeout) throws InterruptedException {
        List<SseEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long remaining = deadline - System.nanoTime();
            SseEvent event = remaining > 0 ? events.poll(remaining, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("received " + received.size() + " of " + count + " events: " + received);
            }
            received.add(event);
        }
        return received;
    }

    /** How many comment lines (heartbeats) arrived. */
    public int comments() {
        return comments.get();
    }

    private void read() {
        String id = "";
        String event = "message";
        StringBuilder data = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new SseEvent(id, event, data.substring(0, data.length() - 1), Instant.now()));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data.append(value).append('\n');
                        default -> {
                            // ignored, as the standard says
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
