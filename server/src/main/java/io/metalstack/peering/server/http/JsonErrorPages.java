package io.metalstack.peering.server.http;

import io.metalstack.peering.api.ApiError;
import io.metalstack.peering.api.Json;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Jetty's error pages as {@code {"statuscode": N, "message": "..."}}: for requests that Jetty refuses before any route
 * sees them (a malformed request line or header, a bad URI, headers too large), on the server and on the servlet
 * context alike. The message is Jetty's reason (e.g. "Illegal character EOL=0xa"), never a stack trace.
 */
public final class JsonErrorPages {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private JsonErrorPages() {}

    static byte[] body(int status, String message) {
        String m = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        try {
            return Json.mapper().writeValueAsBytes(new ApiError(status, m + (status == 400 ? ": the request is not valid HTTP" : "")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ("{\"statuscode\":" + status + ",\"message\":\"" + HttpStatus.getMessage(status) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The server's handler: errors of the HTTP parser and of requests outside the context. */
    static final class ForServer extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause) {
            respond(response, callback, code, message);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            return ByteBuffer.wrap(body(status, reason));
        }
    }

    /** The servlet context's handler: errors Jetty raises inside the context before Javalin's router runs. */
    static final class ForContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause) {
            respond(response, callback, code, message);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            return ByteBuffer.wrap(body(status, reason));
        }
    }

    private static void respond(Response response, Callback callback, int code, String message) {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }
}
