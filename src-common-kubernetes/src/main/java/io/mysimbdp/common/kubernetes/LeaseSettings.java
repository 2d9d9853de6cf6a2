package io.mysimbdp.common.kubernetes;

import java.time.Duration;
import java.util.Objects;

/**
 * One service's leader election over a {@code coordination.k8s.io/v1} Lease.
 *
 * @param namespace     namespace of the Lease (the managers' own)
 * @param leaseName     one Lease per service, e.g. {@code mysimbdp-stream-ingest-manager}
 * @param identity      this replica's name in the Lease (the pod name)
 * @param leaseDuration how long a holder that stopped renewing keeps the lease: the longest takeover time
 * @param renewDeadline the holder gives up leading when it could not renew for this long
 * @param retryPeriod   how often candidates try to acquire and the holder renews
 */
public record LeaseSettings(String namespace, String leaseName, String identity, Duration leaseDuration,
                            Duration renewDeadline, Duration retryPeriod) {
    public LeaseSettings {
        Objects.requireNonNull(namespace, "namespace");
        requireText(leaseName, "leaseName");
        requireText(identity, "identity");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        // the holder must give up before a candidate may take over, and renew several times before that
        if (retryPeriod.isNegative() || retryPeriod.isZero() || renewDeadline.compareTo(retryPeriod) <= 0
                || leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leader election needs lease-duration > renew-deadline > retry-period > 0 (got "
                    + leaseDuration + ", " + renewDeadline + ", " + retryPeriod + ")");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("leader election: " + what + " is empty");
        }
    }
}
