package io.mysimbdp.daas.store;

import com.mongodb.MongoClientSettings;
import io.mysimbdp.daas.config.DaasConfig;
import io.quarkus.mongodb.runtime.MongoClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * Puts the time limit on every operation of daas' store client (the driver's client-side operation
 * timeout, timeoutMS: sent to MongoDB as maxTimeMS and enforced by the driver too), so no query of a
 * tenant — a {@code $ne} over a whole collection — holds the shared store longer than that.
 */
@ApplicationScoped
public class StoreTimeLimit implements MongoClientCustomizer {
    private final DaasConfig config;

    public StoreTimeLimit(DaasConfig config) {
        this.config = config;
    }

    @Override
    public MongoClientSettings.Builder customize(MongoClientSettings.Builder builder) {
        return builder.timeout(config.daas().queryTimeLimit().toMillis(), TimeUnit.MILLISECONDS);
    }
}
