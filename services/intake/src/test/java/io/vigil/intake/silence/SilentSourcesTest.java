package io.vigil.intake.silence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApiKeys;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.intake.appliance.LastSeen;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Silent appliances on the real stack, with the check driven at fixed instants: every other
 * appliance in the database was registered after them, so only this test's appliance can be silent.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SilentSourcesTest {

    /** Monday 16 November 2026, 11:00 in London (GMT). */
    private static final Instant MONDAY_ELEVEN = Instant.parse("2026-11-16T11:00:00Z");
    private static final Instant SATURDAY_ELEVEN = Instant.parse("2026-11-14T11:00:00Z");

    @Inject
    SilentSources silentSources;

    @Inject
    LastSeen lastSeen;

    @Inject
    EntityManager entityManager;

    @Test
    void anApplianceSilentInSchoolHoursIsRaisedOnceAndResumesWhenHeardFrom() {
        String id = "silent-" + UUID.randomUUID();
        String key = "silent-key-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into school (id, trust_id, name) values ('silent-test-school', "
                    + "'silent-test-trust', 'Silent Test School') on conflict (id) do nothing").executeUpdate();
            // Registered the Friday before, never heard from, may be silent for 15 minutes.
            entityManager.createNativeQuery("insert into appliance (id, school_id, vendor, kind, name, key_hash, "
                    + "created_at, expected_heartbeat_seconds) values (?1, 'silent-test-school', 'smoothwall', "
                    + "'filtering', 'Hall filter', ?2, ?3, 900)")
                    .setParameter(1, id).setParameter(2, ApiKeys.hash(key))
                    .setParameter(3, Instant.parse("2026-11-13T15:00:00Z")).executeUpdate();
        });

        assertThat(silentSources.check(SATURDAY_ELEVEN)).as("weekend").isZero();
        assertThat(silentSources.check(Instant.parse("2026-11-16T08:10:00Z")))
                .as("ten minutes into the school day").isZero();
        assertThat(silentSources.check(MONDAY_ELEVEN)).isEqualTo(1);
        assertThat(silentSources.check(MONDAY_ELEVEN.plusSeconds(60))).as("raised once").isZero();

        ConsumerRecord<String, String> raised = TopicProbe.await(Topics.ALERTS,
                r -> r.value().contains(id) && r.value().contains(EventType.SOURCE_SILENT_V1.type()),
                Duration.ofSeconds(30));
        assertThat(raised.key()).isEqualTo("silent-test-school");
        SourceSilent silent = EventCodec.payload(EventCodec.decode(raised.value()), SourceSilent.class);
        assertThat(silent.silentSince()).isEqualTo(MONDAY_ELEVEN);
        assertThat(silent.lastSeenAt()).isNull();
        assertThat(silent.trustId()).isEqualTo("silent-test-trust");

        given().header(ApplianceAuthenticator.API_KEY_HEADER, key).when().post("/api/v1/heartbeat")
                .then().statusCode(204);
        lastSeen.flush();
        ConsumerRecord<String, String> back = TopicProbe.await(Topics.ALERTS,
                r -> r.value().contains(id) && r.value().contains(EventType.SOURCE_RESUMED_V1.type()),
                Duration.ofSeconds(30));
        CloudEvent event = EventCodec.decode(back.value());
        assertThat(EventCodec.payload(event, SourceResumed.class).silentSince()).isEqualTo(MONDAY_ELEVEN);
    }

    @Test
    void aHeartbeatNeedsAValidKey() {
        given().header(ApplianceAuthenticator.API_KEY_HEADER, "nope").when().post("/api/v1/heartbeat")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().post("/api/v1/heartbeat").then().statusCode(401);
    }
}
