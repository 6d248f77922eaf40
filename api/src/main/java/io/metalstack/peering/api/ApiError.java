package io.metalstack.peering.api;

/** The error body of every 4xx/5xx answer: {@code {"statuscode": 409, "message": "..."}}. */
public record ApiError(int statuscode, String message) {}
