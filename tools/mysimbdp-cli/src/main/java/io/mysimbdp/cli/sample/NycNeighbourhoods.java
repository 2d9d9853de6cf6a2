package io.mysimbdp.cli.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real neighbourhoods of the five boroughs, with approximate centres, as named in the Airbnb data.
 * Boroughs are weighted like the 2019 listings (Manhattan and Brooklyn ~85%), and within a borough
 * the neighbourhoods listed first are the busier ones.
 */
final class NycNeighbourhoods {
    /** Bounding box of New York City; generated coordinates never leave it. */
    static final double MIN_LATITUDE = 40.4774;
    static final double MAX_LATITUDE = 40.9176;
    static final double MIN_LONGITUDE = -74.2591;
    static final double MAX_LONGITUDE = -73.7004;

    private record Borough(String name, int weight, List<Neighbourhood> neighbourhoods) {
    }

    private static final List<Borough> BOROUGHS = List.of(
            borough("Manhattan", 44,
                    "Harlem", 40.8116, -73.9465,
                    "Upper West Side", 40.7870, -73.9754,
                    "Hell's Kitchen", 40.7638, -73.9918,
                    "East Village", 40.7265, -73.9815,
                    "Upper East Side", 40.7736, -73.9566,
                    "Midtown", 40.7549, -73.9840,
                    "East Harlem", 40.7957, -73.9389,
                    "Chelsea", 40.7465, -74.0014,
                    "Lower East Side", 40.7150, -73.9843,
                    "Washington Heights", 40.8417, -73.9394,
                    "West Village", 40.7358, -74.0036,
                    "Financial District", 40.7075, -74.0113,
                    "Murray Hill", 40.7479, -73.9757,
                    "SoHo", 40.7233, -74.0030,
                    "Greenwich Village", 40.7336, -73.9991,
                    "Chinatown", 40.7158, -73.9970,
                    "Gramercy", 40.7368, -73.9845,
                    "Inwood", 40.8677, -73.9212,
                    "Tribeca", 40.7163, -74.0086),
            borough("Brooklyn", 41,
                    "Williamsburg", 40.7081, -73.9571,
                    "Bedford-Stuyvesant", 40.6872, -73.9418,
                    "Bushwick", 40.6958, -73.9171,
                    "Crown Heights", 40.6694, -73.9422,
                    "Greenpoint", 40.7304, -73.9515,
                    "Flatbush", 40.6415, -73.9594,
                    "Clinton Hill", 40.6897, -73.9661,
                    "Prospect-Lefferts Gardens", 40.6590, -73.9500,
                    "Park Slope", 40.6710, -73.9814,
                    "East Flatbush", 40.6415, -73.9301,
                    "Fort Greene", 40.6920, -73.9742,
                    "Sunset Park", 40.6455, -74.0124,
                    "Prospect Heights", 40.6775, -73.9692,
                    "Boerum Hill", 40.6848, -73.9845,
                    "Cobble Hill", 40.6860, -73.9969,
                    "Brooklyn Heights", 40.6960, -73.9933,
                    "Kensington", 40.6390, -73.9717,
                    "Bay Ridge", 40.6264, -74.0299,
                    "Red Hook", 40.6734, -74.0080),
            borough("Queens", 12,
                    "Astoria", 40.7644, -73.9235,
                    "Long Island City", 40.7447, -73.9485,
                    "Flushing", 40.7675, -73.8331,
                    "Ridgewood", 40.7044, -73.9018,
                    "Sunnyside", 40.7433, -73.9196,
                    "Jackson Heights", 40.7557, -73.8831,
                    "Elmhurst", 40.7362, -73.8780,
                    "Woodside", 40.7454, -73.9030,
                    "Jamaica", 40.7027, -73.7890,
                    "Forest Hills", 40.7181, -73.8448,
                    "Rockaway Beach", 40.5860, -73.8110),
            borough("Bronx", 2,
                    "Mott Haven", 40.8091, -73.9229,
                    "Concourse", 40.8339, -73.9185,
                    "Longwood", 40.8248, -73.8916,
                    "Fordham", 40.8616, -73.8904,
                    "Kingsbridge", 40.8790, -73.9050,
                    "Riverdale", 40.8940, -73.9110,
                    "Wakefield", 40.8948, -73.8555),
            borough("Staten Island", 1,
                    "St. George", 40.6437, -74.0774,
                    "Tompkinsville", 40.6366, -74.0787,
                    "Stapleton", 40.6266, -74.0774,
                    "Concord", 40.6047, -74.0843,
                    "Great Kills", 40.5543, -74.1510,
                    "Tottenville", 40.5083, -74.2355));

    private static final int TOTAL_WEIGHT = BOROUGHS.stream().mapToInt(Borough::weight).sum();

    private NycNeighbourhoods() {
    }

    static Neighbourhood pick(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Borough borough : BOROUGHS) {
            ticket -= borough.weight();
            if (ticket < 0) {
                List<Neighbourhood> list = borough.neighbourhoods();
                // min of two draws favours the front of the list without a weight table per neighbourhood
                return list.get(Math.min(random.nextInt(list.size()), random.nextInt(list.size())));
            }
        }
        throw new IllegalStateException("borough weights do not add up");
    }

    static List<String> boroughNames() {
        return BOROUGHS.stream().map(Borough::name).toList();
    }

    /** Arguments come in triples: name, latitude, longitude. */
    private static Borough borough(String name, int weight, Object... triples) {
        List<Neighbourhood> neighbourhoods = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            neighbourhoods.add(new Neighbourhood(name, (String) triples[i], (Double) triples[i + 1], (Double) triples[i + 2]));
        }
        return new Borough(name, weight, List.copyOf(neighbourhoods));
    }
}
