package io.vigil.load.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One input-abuse run against a running fleet: spoilt requests to every HTTP endpoint of the four
 * services, spoilt syslog messages over UDP and TCP to intake's listener (one appliance per vendor, each
 * sending from its own loopback address), and spoilt Smoothwall report exports to the report upload. Then
 * what intake counted and quarantined is held against what was sent, and a good line is sent over TCP and
 * UDP and followed until triage holds its incident. Input {@code i} is made from the seed and {@code i}
 * alone, so a seed repeats a run whatever the threads do.
 */
public final class AbuseRun {

    /** Where the inputs go: six in ten to HTTP endpoints, three to syslog, one to the report upload. */
    static final int HTTP_SHARE = 60;
    static final int SYSLOG_SHARE = 30;
    static final int CSV_SHARE = 100 - HTTP_SHARE - SYSLOG_SHARE;
    private static final String ADMIN = "north.trust-admin";
    private static final String SYSLOG_SCHOOL = HttpTargets.SOUTH;
    private static final String SYSLOG_DSL = "south.dsl";
    private static final String APPLIANCE_PREFIX = "Abuse syslog ";
    private static final String CSV_APPLIANCE = "Abuse csv upload";
    private static final int CHUNK = 500;
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** Triage may still be working through the abuse's valid alerts when the proof is sent. */
    private static final Duration PROOF = Duration.ofMinutes(5);
    private static final Duration UDP_RESEND = Duration.ofSeconds(20);
    private static final int INBOX_PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The target name of the uploads of spoilt report exports. */
    static final String EXPORTS = "POST intake/api/v1/appliances/{id}/report-uploads (spoilt exports)";

    /**
     * @param seed the seed every input is made from
     * @param inputs how many inputs to send in all
     * @param threads how many HTTP clients send at once
     * @param udpPerMillisecond datagrams sent before pausing a millisecond
     */
    public record Options(long seed, long inputs, int threads, int udpPerMillisecond) {
    }

    /**
     * The running fleet.
     *
     * @param urls each service's base URL
     * @param syslogHost intake's syslog listener's address
     * @param tcpPort its TCP port
     * @param udpPort its UDP port
     * @param tokens the demo users' tokens
     * @param reasons where intake's quarantine is read from (its API, or its database for a full run)
     */
    public record Fleet(Map<String, String> urls, String syslogHost, int tcpPort, int udpPort, UserTokens tokens,
            java.util.function.Function<HttpAbuse, QuarantineReasons> reasons) {
    }

    private final Fleet fleet;
    private final Options options;
    private final PrintStream log;
    private final HttpAbuse http;
    private final QuarantineReasons reasons;
    private final String marker;

    private AbuseRun(Fleet fleet, Options options, PrintStream log) {
        this.fleet = fleet;
        this.options = options;
        this.log = log;
        this.http = new HttpAbuse(fleet.urls(), fleet.tokens());
        this.reasons = fleet.reasons().apply(http);
        this.marker = Long.toHexString(options.seed()) + "-" + Long.toString(System.currentTimeMillis(), 36);
    }

    /** Runs the abuse and answers the report; throws only when the run itself cannot go on. */
    public static AbuseReport run(Fleet fleet, Options options, PrintStream log) throws Exception {
        return new AbuseRun(fleet, options, log).run();
    }

    /**
     * The configuration a fleet under abuse is started with: intake's syslog listener on the given ports
     * (a fleet's fixed port may be taken by another on the machine), and notification taking Notify
     * receipts with the token the receipts endpoint is called with.
     */
    public static Map<String, String> fleetOverrides(int syslogTcpPort, int syslogUdpPort) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("vigil.intake.syslog.tcp-port", Integer.toString(syslogTcpPort));
        overrides.put("vigil.intake.syslog.udp-port", Integer.toString(syslogUdpPort));
        overrides.put("vigil.notification.notify.callback-token", HttpTargets.NOTIFY_CALLBACK_TOKEN);
        return overrides;
    }

    /** The random source of input {@code index}. */
    static SplittableRandom forInput(long seed, long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
    }

    private AbuseReport run() throws Exception {
        Instant since = Instant.now().minusSeconds(2);
        long httpInputs = options.inputs() * HTTP_SHARE / 100;
        long syslogInputs = options.inputs() * SYSLOG_SHARE / 100;
        long csvInputs = options.inputs() - httpInputs - syslogInputs;
        log.printf("Input abuse: seed %d, %,d inputs: %,d HTTP, %,d syslog, %,d CSV uploads%n", options.seed(),
                options.inputs(), httpInputs, syslogInputs, csvInputs);
        Map<String, String> vendorAppliances = new LinkedHashMap<>();
        Map<String, InetAddress> vendorAddresses = new LinkedHashMap<>();
        retirePreviousAppliances();
        for (int v = 0; v < SyslogInputs.VENDORS.size(); v++) {
            String vendor = SyslogInputs.VENDORS.get(v);
            InetAddress address = InetAddress.getByName("127.0.0." + (21 + v));
            vendorAppliances.put(vendor, register(vendor, APPLIANCE_PREFIX + vendor, List.of(address.getHostAddress())));
            vendorAddresses.put(vendor, address);
        }
        String csvAppliance = register("smoothwall", CSV_APPLIANCE, List.of());
        IntakeCounters before = counters();

        AbuseReport report = new AbuseReport(options, vendorAppliances, csvAppliance);
        Instant started = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads() + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            AtomicLong nextHttp = new AtomicLong();
            AtomicLong nextCsv = new AtomicLong();
            List<HttpTarget> targets = HttpTargets.all();
            // The uploads go out among the other requests, one after every HTTP_SHARE / CSV_SHARE of them, on
            // the same clients: an upload takes several times as long as a request, so a client of its own
            // would be the last to finish.
            int requestsPerUpload = HTTP_SHARE / CSV_SHARE;
            for (int t = 0; t < options.threads(); t++) {
                work.add(pool.submit(() -> {
                    for (long i = nextHttp.getAndIncrement(); i < httpInputs; i = nextHttp.getAndIncrement()) {
                        SplittableRandom random = forInput(options.seed(), i);
                        HttpTarget target = targets.get((int) (i % targets.size()));
                        long sent = System.nanoTime();
                        Answer answer = http.send(target, HttpAbuse.pick(target, random), i, random);
                        report.http().add(answer, System.nanoTime() - sent);
                        if (i % requestsPerUpload == requestsPerUpload - 1) {
                            uploadNextCsv(nextCsv, csvInputs, httpInputs + syslogInputs, csvAppliance, report);
                        }
                    }
                    while (uploadNextCsv(nextCsv, csvInputs, httpInputs + syslogInputs, csvAppliance, report)) {
                        // the uploads left once the requests are sent
                    }
                    report.streamFinished("HTTP requests and report uploads", Duration.between(started, Instant.now()));
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                sendSyslog(httpInputs, syslogInputs, vendorAddresses, report);
                report.streamFinished("syslog", Duration.between(started, Instant.now()));
                return null;
            }));
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        report.sendingTook(Duration.between(started, Instant.now()));
        log.printf("Sent in %.1f s; waiting for intake to account for every syslog message%n",
                report.sendingSeconds());
        IntakeCounters after = settle(before, report);
        report.counted(before, after);
        for (Map.Entry<String, String> appliance : vendorAppliances.entrySet()) {
            long rejected = after.lines(InputChannel.TCP, appliance.getKey(), "rejected")
                    - before.lines(InputChannel.TCP, appliance.getKey(), "rejected")
                    + after.lines(InputChannel.UDP, appliance.getKey(), "rejected")
                    - before.lines(InputChannel.UDP, appliance.getKey(), "rejected");
            report.quarantined(appliance.getKey(), awaitReasons(appliance.getValue(), since, rejected));
        }
        report.quarantined("csv", awaitReasons(csvAppliance, since, report.csvRejectedRows()));
        report.quarantined("csv (endpoint abuse)", reasons.of(HttpTargets.NORTH_SMOOTHWALL, since));

        log.println("Sending a good line over TCP and over UDP, to be followed to triage");
        report.listenerAlive(proveListener(vendorAddresses.get("fortigate")));
        for (String service : fleet.urls().keySet()) {
            report.ready(service, http.get(service, "/q/health/ready").contains("\"UP\""));
        }
        return report;
    }

    private void sendSyslog(long first, long count, Map<String, InetAddress> addresses, AbuseReport report)
            throws IOException, InterruptedException {
        SyslogSender sender = new SyslogSender(fleet.syslogHost(), fleet.tcpPort());
        SyslogSender udpSender = new SyslogSender(fleet.syslogHost(), fleet.udpPort());
        List<String> vendors = SyslogInputs.VENDORS;
        long index = first;
        long end = first + count;
        while (index < end) {
            for (String vendor : vendors) {
                for (boolean tcp : new boolean[] {true, false}) {
                    List<SyslogInput> chunk = new ArrayList<>();
                    SyslogExpectations expected = report.syslog(tcp ? InputChannel.TCP : InputChannel.UDP, vendor);
                    for (int n = 0; n < CHUNK / 10 && index < end; n++, index++) {
                        SyslogInput input = SyslogInputs.next(forInput(options.seed(), index), vendor, tcp,
                                "abuse-" + marker + "-" + index);
                        chunk.add(input);
                        expected.add(input);
                    }
                    if (tcp) {
                        sender.tcp(addresses.get(vendor), chunk);
                    } else {
                        udpSender.udp(addresses.get(vendor), chunk, options.udpPerMillisecond());
                    }
                }
            }
        }
    }

    /** Uploads the next of the {@code count} spoilt exports, whose inputs start at {@code first}; false once all are sent. */
    private boolean uploadNextCsv(AtomicLong next, long count, long first, String applianceId, AbuseReport report)
            throws InterruptedException {
        long n = next.getAndIncrement();
        if (n >= count) {
            return false;
        }
        uploadCsv(applianceId, first + n, report);
        return true;
    }

    private void uploadCsv(String applianceId, long index, AbuseReport report) throws InterruptedException {
        SplittableRandom random = forInput(options.seed(), index);
        byte[] csv = SmoothwallCsv.upload(random, "abuse-" + marker + "-" + index);
        String description = "POST /api/v1/appliances/" + applianceId + "/report-uploads (" + csv.length + " bytes): "
                + Problems.excerpt(csv);
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.uploadCsv(applianceId, ADMIN, csv);
            String fault = Problems.fault(response);
            if (fault == null && response.statusCode() == 202) {
                JsonNode result = JSON.readTree(response.body());
                int rows = result.path("rows").asInt();
                int rejected = result.path("rejectedRows").asInt();
                int accounted = result.path("alertsAccepted").asInt() + result.path("allowedRows").asInt() + rejected;
                report.csvUploaded(rows, rejected);
                if (accounted != rows) {
                    fault = "202 whose rows (" + rows + ") are not alerts + allowed + rejected (" + accounted + ")";
                }
            }
            report.http().add(new Answer(EXPORTS, Mutation.NONE, index, description, response.statusCode(), fault),
                    System.nanoTime() - sent);
        } catch (IOException e) {
            report.http().add(new Answer(EXPORTS, Mutation.NONE, index, description, 0, "no answer: " + e),
                    System.nanoTime() - sent);
        }
    }

    /** Polls intake's counters until every syslog message sent is counted, or the wait is over. */
    private IntakeCounters settle(IntakeCounters before, AbuseReport report) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        IntakeCounters now = counters();
        while (Instant.now().isBefore(deadline) && !report.allCounted(before, now)) {
            Thread.sleep(1_000);
            now = counters();
        }
        return now;
    }

    /** The reasons of an appliance's quarantined input once {@code expected} of them are written (flushed each second). */
    private List<String> awaitReasons(String applianceId, Instant since, long expected) throws IOException,
            InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<String> found = reasons.of(applianceId, since);
        int unchanged = 0;
        // Stops early once the count stands still: what did not fit intake's queue never arrives.
        while (found.size() < expected && unchanged < 5 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1_000);
            List<String> now = reasons.of(applianceId, since);
            unchanged = now.size() == found.size() ? unchanged + 1 : 0;
            found = now;
        }
        return found;
    }

    private IntakeCounters counters() throws IOException, InterruptedException {
        return IntakeCounters.parse(http.get("intake", "/q/metrics"));
    }

    /**
     * A good FortiGate line over TCP and one over UDP, each followed until triage holds an incident of it. The
     * whole inbox is read page by page: incidents the abuse opened may still be opening after the proof's, so
     * the proof need not be among the newest. An unanswered UDP line is sent again now and then, since a
     * datagram may be dropped on the way; a dead listener answers none of them.
     */
    private boolean proveListener(InetAddress fortigate) throws IOException, InterruptedException {
        String tcpUser = "abuse-proof-" + marker + "-tcp";
        String udpUser = "abuse-proof-" + marker + "-udp";
        SplittableRandom random = new SplittableRandom(options.seed());
        SyslogInput udpLine = SyslogInputs.make(SyslogInput.Kind.VALID, random, "fortigate", udpUser);
        new SyslogSender(fleet.syslogHost(), fleet.tcpPort()).tcp(fortigate, List.of(SyslogInputs.make(
                SyslogInput.Kind.VALID, random, "fortigate", tcpUser)));
        SyslogSender udp = new SyslogSender(fleet.syslogHost(), fleet.udpPort());
        udp.udp(fortigate, List.of(udpLine), 1);
        Instant deadline = Instant.now().plus(PROOF);
        Instant resendUdp = Instant.now().plus(UDP_RESEND);
        boolean tcpSeen = false;
        boolean udpSeen = false;
        while (Instant.now().isBefore(deadline)) {
            for (int page = 0; !(tcpSeen && udpSeen); page++) {
                String incidents = http.call("triage", "GET", "/api/v1/incidents?size=" + INBOX_PAGE
                        + "&order=newest&page=" + page, SYSLOG_DSL, null).body();
                tcpSeen |= incidents.contains("\"subjectRef\":\"" + tcpUser + "\"");
                udpSeen |= incidents.contains("\"subjectRef\":\"" + udpUser + "\"");
                if (JSON.readTree(incidents).size() < INBOX_PAGE) {
                    break;
                }
            }
            if (tcpSeen && udpSeen) {
                return true;
            }
            if (!udpSeen && Instant.now().isAfter(resendUdp)) {
                udp.udp(fortigate, List.of(udpLine), 1);
                resendUdp = Instant.now().plus(UDP_RESEND);
            }
            Thread.sleep(1_000);
        }
        log.printf("The good line %s not reach triage within %s%n", tcpSeen ? "over UDP did" : udpSeen
                ? "over TCP did" : "over TCP and the one over UDP did", PROOF);
        return false;
    }

    /** Takes the syslog sources off, and revokes, the appliances an earlier run on this stack registered. */
    private void retirePreviousAppliances() throws IOException, InterruptedException {
        HttpResponse<String> list = http.call("intake", "GET", "/api/v1/appliances", ADMIN, null);
        for (JsonNode appliance : JSON.readTree(list.body())) {
            String name = appliance.path("name").asText();
            if ((name.startsWith(APPLIANCE_PREFIX) || name.equals(CSV_APPLIANCE))
                    && !"revoked".equals(appliance.path("status").asText())) {
                String id = appliance.path("id").asText();
                http.call("intake", "PUT", "/api/v1/appliances/" + id + "/syslog-sources", ADMIN, "{\"sources\": []}");
                http.call("intake", "POST", "/api/v1/appliances/" + id + "/revoke", ADMIN, null);
            }
        }
    }

    private String register(String vendor, String name, List<String> sources) throws IOException, InterruptedException {
        HttpResponse<String> created = http.call("intake", "POST", "/api/v1/appliances", ADMIN, """
                {"schoolId": "%s", "vendor": "%s", "kind": "filtering", "name": "%s", "expectedHeartbeatMinutes": 10080}
                """.formatted(SYSLOG_SCHOOL, vendor, name));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Cannot register the " + name + " appliance: " + created.statusCode() + " "
                    + created.body());
        }
        String id = JSON.readTree(created.body()).path("appliance").path("id").asText();
        if (!sources.isEmpty()) {
            HttpResponse<String> bound = http.call("intake", "PUT", "/api/v1/appliances/" + id + "/syslog-sources",
                    ADMIN, JSON.writeValueAsString(Map.of("sources", sources)));
            if (bound.statusCode() != 200) {
                throw new IllegalStateException("Cannot bind " + sources + " to " + id + ": " + bound.statusCode() + " "
                        + bound.body());
            }
        }
        return id;
    }

    /** Intake's names of its syslog channels. */
    static final class InputChannel {
        static final String TCP = "syslog-tcp";
        static final String UDP = "syslog-udp";

        private InputChannel() {
        }
    }
}
