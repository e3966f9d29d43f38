package dev.saferoll.migrations.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.saferoll.migrations.actuate.MigrationsDescriptors.ErrorDescriptor;

/**
 * Gives the requests that Spring rejects before the {@link MigrationsEndpoint} is called (a body that is not JSON, a
 * missing {@code Content-Type}, a method the endpoint's access does not allow) the endpoint's own error shape,
 * {@code error}, {@code message} and {@code recommendation}, with the same status Spring chose. Register it for the
 * endpoint's paths only.
 * <p>
 * Spring answers such requests with {@code sendError}; the endpoint itself never calls it. So the filter turns every
 * {@code sendError} on these paths into a JSON answer, and leaves everything else alone.
 */
public class MigrationsEndpointErrorFilter extends OncePerRequestFilter {

    static final int STATUS_BAD_REQUEST = 400;

    static final int STATUS_NOT_FOUND = 404;

    static final int STATUS_METHOD_NOT_ALLOWED = 405;

    static final int STATUS_UNSUPPORTED_MEDIA_TYPE = 415;

    private static final String EXAMPLE = "{\"steps\": 1, \"dryRun\": true}";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorRecordingResponse recording = new ErrorRecordingResponse(response);
        chain.doFilter(request, recording);
        Integer status = recording.errorStatus;
        if (status == null || response.isCommitted()) {
            return;
        }
        ErrorDescriptor error = describe(status, request);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(error));
        response.flushBuffer();
    }

    static ErrorDescriptor describe(int status, HttpServletRequest request) {
        String target = request.getMethod() + " " + request.getRequestURI();
        return switch (status) {
            case STATUS_BAD_REQUEST -> new ErrorDescriptor("INVALID_INPUT", badBody(request),
                    "Send a JSON object with Content-Type: application/json, for example " + EXAMPLE);
            case STATUS_UNSUPPORTED_MEDIA_TYPE -> new ErrorDescriptor("UNSUPPORTED_MEDIA_TYPE", target + " takes a"
                    + " JSON body, but the request's Content-Type is "
                    + ((request.getContentType() != null) ? "'" + request.getContentType() + "'" : "missing"),
                    "Send the header Content-Type: application/json, for example curl -H 'Content-Type:"
                            + " application/json' -d '" + EXAMPLE + "'");
            case STATUS_METHOD_NOT_ALLOWED -> new ErrorDescriptor("METHOD_NOT_ALLOWED", target + " is not allowed",
                    "Reads are GET. A POST needs management.endpoint.migrations.access=unrestricted, and a rollback"
                            + " also migrations.rollback.enabled=true");
            case STATUS_NOT_FOUND -> new ErrorDescriptor("NOT_FOUND", "Nothing answers " + target,
                    "List the migrations with GET /actuator/migrations");
            default -> new ErrorDescriptor("HTTP_" + status, target + " was rejected with status " + status, null);
        };
    }

    private static String badBody(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0) {
            return "The request body is empty";
        }
        return "The request body is not a JSON object of the endpoint's fields (steps, dryRun, allowDataLoss), each"
                + " a number, a boolean or a string";
    }

    static String json(ErrorDescriptor error) {
        return "{\"error\":" + quote(error.error()) + ",\"message\":" + quote(error.message()) + ",\"recommendation\":"
                + ((error.recommendation() != null) ? quote(error.recommendation()) : "null") + "}";
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** Holds back {@code sendError}, so the filter can answer instead of the container's error page. */
    private static final class ErrorRecordingResponse extends HttpServletResponseWrapper {

        private @Nullable Integer errorStatus;

        ErrorRecordingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) {
            this.errorStatus = status;
        }

        @Override
        public void sendError(int status, String message) {
            this.errorStatus = status;
        }
    }
}
