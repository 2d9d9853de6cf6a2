package io.mysimbdp.common.profile;

/** How one tenant's profile changed between two snapshots. */
public record ProfileChange(String tenant, Kind kind, ProfileResult before, ProfileResult after) {
    public enum Kind {
        /** A valid profile appeared (new tenant, or a broken profile was fixed). */
        ONBOARDED,
        /** A valid profile changed and stays valid. */
        UPDATED,
        /** The profile is broken: the tenant is disabled until it is fixed. */
        DISABLED,
        /** The profile was removed. */
        OFFBOARDED
    }

    public String describe() {
        return switch (kind) {
            case ONBOARDED -> "tenant '" + tenant + "' onboarded from " + after.source();
            case UPDATED -> "tenant '" + tenant + "' profile updated from " + after.source();
            case DISABLED -> "tenant '" + tenant + "' disabled: " + ((ProfileResult.Invalid) after).message();
            case OFFBOARDED -> "tenant '" + tenant + "' offboarded (" + before.source() + " removed)";
        };
    }
}
