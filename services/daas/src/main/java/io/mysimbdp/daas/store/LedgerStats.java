package io.mysimbdp.daas.store;

import io.mysimbdp.daas.config.DaasConfig;
import io.mysimbdp.daas.model.IngestionStats;
import io.mysimbdp.daas.model.LedgerPartials;
import io.mysimbdp.daas.model.LedgerStatus;
import io.mysimbdp.daas.model.StatsCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Statistics of the platform and of each tenant: the store aggregates, {@link StatsCalculator} does the math. */
@ApplicationScoped
public class LedgerStats {
    private final LedgerQueries queries;
    private final int p95MaxTail;

    @Inject
    public LedgerStats(LedgerQueries queries, DaasConfig config) {
        this(queries, config.daas().p95MaxTail());
    }

    public LedgerStats(LedgerQueries queries, int p95MaxTail) {
        this.queries = queries;
        this.p95MaxTail = p95MaxTail;
    }

    /** The platform's totals and each tenant's, for every tenant in {@code tenants} or with ledger rows. */
    public Platform platform(Instant since, Collection<String> tenants) {
        Map<String, LedgerPartials> byTenant = new TreeMap<>(queries.partialsByTenant(LedgerQueries.statsWindow(null, since)));
        tenants.forEach(t -> byTenant.putIfAbsent(t, LedgerPartials.NONE));
        List<Platform.Tenant> entries = new ArrayList<>();
        byTenant.forEach((tenant, p) -> entries.add(new Platform.Tenant(tenant, stats(tenant, since, p))));
        IngestionStats total = stats(null, since, LedgerPartials.sum(byTenant.values()));
        return new Platform(total, entries);
    }

    public IngestionStats tenant(String tenant, Instant since) {
        LedgerPartials p = queries.partialsByTenant(LedgerQueries.statsWindow(tenant, since)).getOrDefault(tenant, LedgerPartials.NONE);
        return stats(tenant, since, p);
    }

    private IngestionStats stats(String tenant, Instant since, LedgerPartials p) {
        long rank = StatsCalculator.p95RankFromTop(p.totals(LedgerStatus.DONE).durationCount());
        List<String> notes = new ArrayList<>();
        Double p95 = null;
        if (rank > p95MaxTail) {
            notes.add("p95 left out: it needs the " + rank + " slowest durations, more than mysimbdp.daas.p95-max-tail ("
                    + p95MaxTail + "); narrow the window with ?since=");
        } else if (rank > 0) {
            Bson window = LedgerQueries.statsWindow(tenant, since);
            Optional<Double> d = queries.doneDurationFromTop(window, rank);
            p95 = d.orElse(null);
        }
        return StatsCalculator.stats(p, p95, notes);
    }

    public record Platform(IngestionStats platform, List<Tenant> tenants) {
        public record Tenant(String tenant, IngestionStats stats) {
        }
    }
}
