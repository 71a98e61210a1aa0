package io.vigil.load;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A school day's worth of FortiGate alerts, many times over, as intake would publish them: many schools
 * of a few trusts, hundreds of learners each, and a weighted mix of categories. Most alerts come in
 * bursts (a learner trying the same kind of site again and again, seconds apart), which triage folds
 * into one incident; the bursts of different learners interleave, and a learner coming back to the same
 * kind of site after a while opens a new incident. Seeded, so a run can be repeated exactly.
 */
final class AlertMix {

    /** A FortiGate category, the policy category the shipped table maps it to, and how often it comes. */
    record Category(String vendorCategory, String policyCategory, int weight, int vendorSeverity, String host) {
    }

    /**
     * Categories of FortiGate's web filter with the policy category of triage's shipped table
     * ({@code taxonomy/fortigate.csv}), weight, vendor severity and a site, written out here so the
     * expected incidents are worked out apart from triage. Some share a policy category, so their alerts
     * about one learner are one incident.
     */
    static final List<Category> CATEGORIES = """
            Gambling                  | gambling                     | 20 | 2 | casino.example
            Proxy Avoidance           | malware-hacking              | 18 | 3 | unblock.example
            Hacking                   | malware-hacking              |  4 | 3 | exploits.example
            Pornography               | pornography                  | 14 | 4 | adult.example
            Nudity and Risque         | pornography                  |  4 | 3 | risque.example
            Peer-to-peer File Sharing | piracy                       |  8 | 2 | torrents.example
            Drug Abuse                | drugs                        |  6 | 3 | drugs.example
            Alcohol                   | drugs                        |  5 | 2 | brewery.example
            Explicit Violence         | violence                     |  6 | 3 | gore.example
            Weapons (Sales)           | weapons                      |  3 | 3 | knives.example
            Dating                    | grooming-sexual-exploitation |  4 | 3 | dating.example
            Discrimination            | discrimination               |  3 | 3 | hate.example
            Extremist Groups          | extremism                    |  2 | 4 | forum.example
            Terrorism                 | terrorist-content            |  1 | 5 | propaganda.example
            """.lines().map(line -> line.split("\\|")).map(f -> new Category(f[0].strip(), f[1].strip(),
                    Integer.parseInt(f[2].strip()), Integer.parseInt(f[3].strip()), f[4].strip())).toList();

    /** triage's correlation window ({@code vigil.triage.correlation.window}). */
    static final Duration WINDOW = Duration.ofMinutes(10);

    /** Where the simulated days start. */
    static final Instant START = Instant.parse("2026-11-02T08:30:00Z");

    private final String prefix;
    private final int trusts;
    private final int schoolsPerTrust;
    private final int learnersPerSchool;
    private final int concurrentBursts;
    private final Random random;
    private final int totalWeight = CATEGORIES.stream().mapToInt(Category::weight).sum();
    private final List<Burst> active = new ArrayList<>();
    private long clockMillis = START.toEpochMilli();
    private long sequence;

    /** A learner repeatedly reaching sites of one category. */
    private static final class Burst {
        final int school;
        final int learner;
        final Category category;
        int left;

        Burst(int school, int learner, Category category, int left) {
            this.school = school;
            this.learner = learner;
            this.category = category;
            this.left = left;
        }
    }

    /**
     * @param prefix names this mix's trusts and schools apart from every other run's (lower case)
     * @param seed the random seed
     */
    AlertMix(String prefix, long seed, int trusts, int schoolsPerTrust, int learnersPerSchool, int concurrentBursts) {
        this.prefix = prefix;
        this.trusts = trusts;
        this.schoolsPerTrust = schoolsPerTrust;
        this.learnersPerSchool = learnersPerSchool;
        this.concurrentBursts = concurrentBursts;
        this.random = new Random(seed);
    }

    /** The mix of a benchmark run: 4 trusts of 6 schools, 400 learners each, 40 bursts at a time. */
    static AlertMix typical(String prefix, long seed) {
        return new AlertMix(prefix, seed, 4, 6, 400, 40);
    }

    String trustPrefix() {
        return prefix + "-trust-";
    }

    String trustId(int school) {
        return trustPrefix() + (school / schoolsPerTrust);
    }

    String schoolId(int school) {
        return String.format(Locale.ROOT, "%s-school-%02d", prefix, school);
    }

    /** The next alert: the next of a burst under way, or the first of a new one. */
    AlertReceived next() {
        if (active.size() < concurrentBursts || random.nextInt(4) == 0) {
            active.add(newBurst());
        }
        int pick = random.nextInt(active.size());
        Burst burst = active.get(pick);
        if (--burst.left == 0) {
            active.set(pick, active.get(active.size() - 1));
            active.remove(active.size() - 1);
        }
        // On average an alert every ~1.2 s across all schools, so a burst's alerts are seconds to a minute apart.
        clockMillis += random.nextInt(2_400);
        return alert(burst);
    }

    private Burst newBurst() {
        int school = random.nextInt(trusts * schoolsPerTrust);
        int learner = random.nextInt(learnersPerSchool);
        int draw = random.nextInt(totalWeight);
        Category category = CATEGORIES.get(CATEGORIES.size() - 1);
        for (Category c : CATEGORIES) {
            draw -= c.weight();
            if (draw < 0) {
                category = c;
                break;
            }
        }
        // Half are a single alert; the rest a burst of 2 to 40 (mean ~8).
        int length = random.nextBoolean() ? 1 : 2 + (int) Math.min(38, -Math.log(1 - random.nextDouble()) * 6);
        return new Burst(school, learner, category, length);
    }

    private AlertReceived alert(Burst burst) {
        String schoolId = schoolId(burst.school);
        String applianceId = schoolId + "-fortigate";
        String sourceEventId = Long.toString(1_000_000_000L + sequence++);
        // intake's alert id: a name-based UUID of (appliance, source event id).
        String alertId = UUID.nameUUIDFromBytes((applianceId + "\n" + sourceEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
        Instant occurredAt = Instant.ofEpochMilli(clockMillis);
        int year = 7 + burst.learner % 7;
        return new AlertReceived(alertId, trustId(burst.school), schoolId, applianceId, sourceEventId,
                SourceKind.FILTERING, "fortigate", burst.category.vendorCategory(), "blocked",
                String.format(Locale.ROOT, "y%d.pupil%04d", year, burst.learner),
                String.format(Locale.ROOT, "LAPTOP-Y%d-%03d", year, burst.learner % 200),
                burst.category.policyCategory().equals("terrorist-content") ? null : burst.category.host(),
                burst.category.vendorSeverity(), occurredAt, occurredAt.plusMillis(1_200));
    }
}
