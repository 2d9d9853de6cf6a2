package io.mysimbdp.daas.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error answer: {@code {"status": 400, "error": "…"}}; 401s also carry {@code WWW-Authenticate: Bearer}. */
public record ApiError(int status, String error) {

    public static WebApplicationException of(int status, String message) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message));
        if (status == 401) {
            r.header("WWW-Authenticate", "Bearer realm=\"mysimbdp\"");
        }
        return new WebApplicationException(message, r.build());
    }

    public static WebApplicationException badRequest(String message) {
        return of(400, message);
    }
}
