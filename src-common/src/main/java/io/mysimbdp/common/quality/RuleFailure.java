package io.mysimbdp.common.quality;

/**
 * One rule a record failed: {@code rule} is {@code <field>.<check>} (e.g. {@code price.min}),
 * bounded by the profile, so it can be counted and labelled; {@code reason} says what was found.
 */
public record RuleFailure(String rule, String reason) {
}
