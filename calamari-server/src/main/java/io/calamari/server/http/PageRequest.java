package io.calamari.server.http;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The {@code page} (1-based) and {@code page_size} query parameters of a paginated list, and the
 * answer in the shape of Calamari's paginated resources:
 *
 * <pre>
 * {"count": 23, "next": "http://host/api/v2/audit?page=3&amp;page_size=10",
 *  "previous": "http://host/api/v2/audit?page=1&amp;page_size=10", "results": [...]}
 * </pre>
 *
 * A page size that is not a positive integer is 400 {@code "Invalid page size."}; one above the
 * list's maximum is lowered to it, as Django REST framework does. A page that is not an integer or
 * lies beyond the last page is 400 {@code "Invalid page."} (page 1 of an empty list is valid).
 * Immutable.
 */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_PAGE_SIZE = 10;

    public PageRequest {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("page " + page + " of size " + size);
        }
    }

    /** The request's page, or empty when it names neither {@code page} nor {@code page_size}. */
    public static Optional<PageRequest> ifRequested(Context ctx, int maximumSize) {
        if (ctx.queryParam("page") == null && ctx.queryParam("page_size") == null) {
            return Optional.empty();
        }
        return Optional.of(of(ctx, maximumSize));
    }

    /** The request's page; the first page of {@link #DEFAULT_PAGE_SIZE} unless it says otherwise. */
    public static PageRequest of(Context ctx, int maximumSize) {
        String sizeParam = ctx.queryParam("page_size");
        int size = sizeParam == null
                ? DEFAULT_PAGE_SIZE
                : parsePositive(sizeParam).orElseThrow(() -> invalid("Invalid page size."));
        String pageParam = ctx.queryParam("page");
        int page = pageParam == null ? 1 : parsePositive(pageParam).orElseThrow(() -> invalid("Invalid page."));
        return new PageRequest(page, Math.min(size, maximumSize));
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /** Throws 400 "Invalid page." unless this page exists in a list of {@code count} items. */
    public void requireWithin(long count) {
        long pages = Math.max(1, (count + size - 1) / size);
        if (page > pages) {
            throw invalid("Invalid page.");
        }
    }

    /** The paginated answer: {@code results} are this page's items of a list of {@code count}. */
    public Map<String, @Nullable Object> body(Context ctx, long count, List<?> results) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("next", offset() + size < count ? pageUrl(ctx, page + 1) : null);
        body.put("previous", page > 1 ? pageUrl(ctx, page - 1) : null);
        body.put("results", results);
        return body;
    }

    /** This request's absolute URL with {@code page} set to {@code number}, other parameters kept. */
    private static String pageUrl(Context ctx, int number) {
        StringJoiner query = new StringJoiner("&");
        boolean pageAdded = false;
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            if (param.getKey().equals("page")) {
                query.add("page=" + number);
                pageAdded = true;
                continue;
            }
            for (String value : param.getValue()) {
                query.add(encode(param.getKey()) + "=" + encode(value));
            }
        }
        if (!pageAdded) {
            query.add("page=" + number);
        }
        return ctx.url() + "?" + query;
    }

    private static Optional<Integer> parsePositive(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            return value >= 1 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static CalamariException invalid(String message) {
        return new CalamariException(ErrorCode.INVALID_ARGUMENT, message);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
