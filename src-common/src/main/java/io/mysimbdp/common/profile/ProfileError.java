package io.mysimbdp.common.profile;

/** One problem in a tenant's profile, naming the tenant, the source, the field and what is wrong. */
public record ProfileError(String tenant, String source, String field, String problem) {
    @Override
    public String toString() {
        return "tenant '" + tenant + "' (" + source + "): field '" + field + "': " + problem;
    }
}
