package io.mysimbdp.common.runtime;

import io.mysimbdp.common.profile.TenantProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the platform asks a runtime to run: one tenant app instance, a black box with a contract.
 * The local runtime uses {@code command}; the Kubernetes runtime uses {@code image}. Both hand the
 * app the same {@code env}.
 *
 * @param id        unique name of this workload (the batch job name, or a stream instance name)
 * @param tenant    the tenant it runs for
 * @param app       the app's name in the tenant profile
 * @param command   the local command (relative paths resolved against the platform home)
 * @param image     the container image
 * @param env       the contract's environment
 * @param resources declared CPU and memory
 * @param timeout   the run is killed after this long (null: never)
 * @param logFile   where the local runtime writes the app's stdout and stderr
 * @param labels    labels for the workload (tenant, ingestion id, …)
 */
public record WorkloadSpec(String id, String tenant, String app, List<String> command, String image,
                           Map<String, String> env, TenantProfile.Resources resources, Duration timeout,
                           Path logFile, Map<String, String> labels) {
}
