package io.calamari.server.http;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calamari's pagination ({@code ?page=} from 1, {@code ?page_size=}, default 10): the page a request
 * asks for, and the response body {@code {"count", "next", "previous", "results"}} with absolute
 * URLs of the neighbouring pages (other query parameters kept) or null. A page outside the results,
 * or a size that is not a positive number, is a 400. Stateless.
 */
public final class Pagination {
    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAXIMUM_PAGE_SIZE = 1000;

    /** The page asked for: its 1-based number and size. */
    public record Page(int number, int size) {
        public long offset() {
            return (long) (number - 1) * size;
        }
    }

    private Pagination() {}

    /** Whether the request asks for a page at all (resources that are lists unless asked). */
    public static boolean requested(Context ctx) {
        return ctx.queryParam("page") != null || ctx.queryParam("page_size") != null;
    }

    /** The page the request asks for among {@code count} results (page 1 when it names none). */
    public static Page page(Context ctx, long count) {
        String sizeParam = ctx.queryParam("page_size");
        int size = sizeParam == null
                ? DEFAULT_PAGE_SIZE
                : Math.min(MAXIMUM_PAGE_SIZE, positive(sizeParam, "Invalid page size"));
        long pages = Math.max(1, (count + size - 1) / size);
        String pageParam = ctx.queryParam("page");
        int number = pageParam == null ? 1 : positive(pageParam, "Invalid page");
        if (number > pages) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, "Invalid page");
        }
        return new Page(number, size);
    }

    /** The paginated body around one page of rendered results. */
    public static Map<String, Object> body(Context ctx, Page page, long count, List<?> results) {
        long pages = Math.max(1, (count + page.size() - 1) / page.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("next", page.number() < pages ? pageUrl(ctx, page.number() + 1) : null);
        body.put("previous", page.number() > 1 ? pageUrl(ctx, page.number() - 1) : null);
        body.put("results", results);
        return body;
    }

    private static int positive(String text, String message) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CalamariException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** This request's absolute URL with {@code page} set to {@code page}, other parameters kept. */
    private static String pageUrl(Context ctx, int page) {
        StringJoiner query = new StringJoiner("&");
        boolean pageAdded = false;
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            if (param.getKey().equals("page")) {
                query.add("page=" + page);
                pageAdded = true;
                continue;
            }
            for (String value : param.getValue()) {
                query.add(encode(param.getKey()) + "=" + encode(value));
            }
        }
        if (!pageAdded) {
            query.add("page=" + page);
        }
        return ctx.url() + "?" + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
