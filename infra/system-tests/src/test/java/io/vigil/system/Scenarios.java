package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.stack.DemoRealm;
import io.vigil.testing.Mailbox;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the policy scenarios do from outside, as an appliance, the MIS directory feed, a member of staff,
 * the safeguarding team and a mail client would: post alerts and concerns, feed the directory, work a
 * case, read the shared mailbox (slowly: every test of the build reads it) and read topics from the start.
 */
final class Scenarios {

    static final String NORTH = "north-primary";
    static final String NORTH_APPLIANCE = DemoRealm.NORTH_APPLIANCE_ID;
    static final String MAIL_DOMAIN = "@demo.vigil.test";
    /** The shared mailbox is read by every test of the build: look at it every few seconds only. */
    static final Duration MAIL_POLL = Duration.ofSeconds(3);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Scenarios() {
    }

    /** The demo mail address of a North Primary role, e.g. {@code north.head@demo.vigil.test}. */
    static String north(String role) {
        return "north." + role + MAIL_DOMAIN;
    }

    /** One alert as North's Smoothwall posts it: {@code category} is the vendor's name for it. */
    static String alertJson(String eventId, String category, String user, String url) {
        return """
                {"eventId": "%s", "occurredAt": "%s", "category": "%s", "action": "blocked",
                 "user": "%s", "url": "%s", "vendorSeverity": 4}
                """.formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS), category, user, url);
    }

    /** Posts one alert to intake's webhook as North's appliance and expects it accepted. */
    static void postNorthAlert(Fleet fleet, String json) throws IOException, InterruptedException {
        HttpResponse<String> accepted = fleet.post("intake", "/api/v1/alerts", Fleet.NORTH_KEY, json);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    /** Upserts directory records ({@code learners}, {@code guardians} or {@code staff}) as the MIS's app client. */
    static void feedDirectory(Fleet fleet, String kind, String jsonArray) {
        HttpResponse<String> result = send(fleet, "POST", "intake", "/api/v1/directory/" + kind, Tokens.app(), jsonArray);
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        assertThat(result.body()).contains("\"rejected\":0");
    }

    /** Removes a person the directory feed added. */
    static void removeFromDirectory(Fleet fleet, String kind, String personId) {
        send(fleet, "DELETE", "intake", "/api/v1/directory/" + kind + "/" + personId, Tokens.app(), null);
    }

    /** Waits until the directory record of {@code personId} is on {@code vigil.directory.v1} for every service to read. */
    static void awaitDirectoryRecord(String personId) {
        TopicProbe.await("vigil.directory.v1", r -> personId.equals(r.key()), Duration.ofSeconds(60));
    }

    /**
     * Gives the school the telephone number and e-mail address parents and carers are told to use, as its
     * head does, unless it has them already: a message to parents cannot be written without them.
     */
    static void ensureParentContactDetails(Fleet fleet, String schoolId, String headUsername) {
        String path = "/api/v1/schools/" + schoolId + "/notification-settings";
        String head = Tokens.password(headUsername);
        HttpResponse<String> settings = send(fleet, "GET", "notification", path, head, null);
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        if (settings.body().contains("\"phone\":null")) {
            HttpResponse<String> changed = send(fleet, "PUT", "notification", path, head,
                    "{\"phone\": \"01632 960 100\", \"email\": \"office@" + schoolId + ".demo.vigil.test\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        }
    }

    /** Reports a concern as {@code username} (a member of staff) and returns its id. */
    static String reportConcern(Fleet fleet, String username, String json) {
        HttpResponse<String> created = send(fleet, "POST", "intake", "/api/v1/concerns", Tokens.password(username), json);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201, 202);
        Matcher id = UUID_TEXT.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        return id.group();
    }

    /** A request with a bearer token; {@code body} null for none. */
    static HttpResponse<String> send(Fleet fleet, String method, String service, String path, String token,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fleet.url(service) + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A step of the case workflow, {@code /api/v1/incidents/{id}/<step>}, as {@code username}. */
    static HttpResponse<String> caseStep(Fleet fleet, String incidentId, String step, String username, String json) {
        return send(fleet, "POST", "triage", "/api/v1/incidents/" + incidentId + "/" + step, Tokens.password(username),
                json);
    }

    /**
     * The ids of the incidents in {@code username}'s inbox whose {@code field} (a text field after the id,
     * such as {@code subjectRef} or {@code personId}) is {@code value}.
     */
    static List<String> incidentIdsWhere(Fleet fleet, String username, String field, String value) {
        String body = fleet.get("triage", "/api/v1/incidents?size=500&order=newest", Tokens.password(username)).body();
        Matcher matcher = Pattern.compile("\\{[^{}]*\"id\":\"([0-9a-f-]{36})\"[^{}]*\"" + Pattern.quote(field) + "\":\""
                + Pattern.quote(value) + "\"").matcher(body);
        List<String> ids = new ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Waits for the one incident in {@code username}'s inbox whose {@code field} is {@code value}. */
    static String awaitIncident(Fleet fleet, String username, String field, String value) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            List<String> ids = incidentIdsWhere(fleet, username, field, value);
            if (!ids.isEmpty()) {
                assertThat(ids).as("incidents with %s %s", field, value).hasSize(1);
                return ids.get(0);
            }
            assertThat(Instant.now()).as("an incident with %s %s in %s's inbox", field, value, username)
                    .isBefore(deadline);
            pause(Duration.ofSeconds(1));
        }
    }

    /** The incident as {@code username} reads it from triage. */
    static HttpResponse<String> incident(Fleet fleet, String incidentId, String username) {
        return fleet.get("triage", "/api/v1/incidents/" + incidentId, Tokens.password(username));
    }

    /** The messages in {@code address}'s mailbox that name the incident (its case link). */
    static List<Mailbox.ReceivedMail> mailsAbout(String address, String incidentId) {
        return Mailbox.messagesFor(address, incidentId);
    }

    /** Waits, polling the shared mailbox slowly, for a message to {@code address} about the incident. */
    static Mailbox.ReceivedMail awaitMailAbout(String address, String incidentId, Duration timeout) {
        return awaitMail(address, () -> Mailbox.messagesFor(address, incidentId), m -> true, timeout);
    }

    /** Waits, polling the shared mailbox slowly, for a message to {@code address} that {@code matching} accepts. */
    static Mailbox.ReceivedMail awaitMail(String address, Predicate<Mailbox.ReceivedMail> matching, Duration timeout) {
        return awaitMail(address, () -> Mailbox.messagesFor(address), matching, timeout);
    }

    private static Mailbox.ReceivedMail awaitMail(String address, Supplier<List<Mailbox.ReceivedMail>> read,
            Predicate<Mailbox.ReceivedMail> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mailbox.ReceivedMail> mails = read.get();
            Optional<Mailbox.ReceivedMail> found = mails.stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No matching message for " + address + " within " + timeout.toSeconds()
                        + " s (" + mails.size() + " other messages)");
            }
            pause(MAIL_POLL);
        }
    }

    /**
     * Asserts that no message to any of {@code addresses} names the incident, now and for {@code quiet}
     * afterwards (the messages of one event are planned together, so the others have arrived by the time
     * one has).
     */
    static void assertNoMailAbout(String incidentId, Duration quiet, String... addresses) {
        Instant until = Instant.now().plus(quiet);
        do {
            for (String address : addresses) {
                assertThat(mailsAbout(address, incidentId)).as("messages to %s about incident %s", address, incidentId)
                        .isEmpty();
            }
            pause(MAIL_POLL);
        } while (Instant.now().isBefore(until));
    }

    /** Every record on {@code topic} from its beginning, as an outside consumer reads it. */
    static List<ConsumerRecord<String, String>> readTopic(String topic) {
        return TopicProbe.readAll(topic, Duration.ofSeconds(90));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
