package io.mysimbdp.common.profile;

import java.util.List;
import java.util.stream.Collectors;

/** Outcome of reading one profile document: a usable profile, or the reasons it is refused. */
public sealed interface ProfileResult {
    String tenant();

    String source();

    record Valid(String tenant, String source, TenantProfile profile) implements ProfileResult {
    }

    record Invalid(String tenant, String source, List<ProfileError> errors) implements ProfileResult {
        public String message() {
            return errors.stream().map(ProfileError::toString).collect(Collectors.joining("; "));
        }
    }
}
