package io.mysimbdp.common.security;

/** Who a request's API key belongs to. */
public sealed interface Caller {
    /** The platform operator: reads every tenant and the platform statistics. */
    record Operator() implements Caller {
    }

    /** A tenant: reads only its own endpoints. */
    record Tenant(String id) implements Caller {
    }
}
