package io.mysimbdp.cli.sample;

/** A neighbourhood of a borough and roughly where its centre is. */
public record Neighbourhood(String borough, String name, double latitude, double longitude) {
}
