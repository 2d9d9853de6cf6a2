package io.mysimbdp.daas.model;

/** Job attempts of one batch app that ran in a window, and their run time (each attempt counted once). */
public record AppRunTotals(String app, long attempts, double runSeconds) {
}
