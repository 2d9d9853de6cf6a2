/**
 * Kubernetes pieces shared by the platform services: leader election over a Lease and the
 * tenant profile source that follows ConfigMaps labelled {@code mysimbdp.io/kind=tenant-profile}.
 */
package io.mysimbdp.common.kubernetes;
