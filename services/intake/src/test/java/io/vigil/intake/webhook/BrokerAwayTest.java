package io.vigil.intake.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.common.demo.DemoTrust;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.testing.VigilStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Intake on the real database with no broker where it is told to look: an alert that Kafka does not
 * acknowledge is never answered 202, but 503 problem+json telling the appliance to send it again.
 */
@QuarkusTest
@TestProfile(BrokerAwayTest.BrokerAway.class)
class BrokerAwayTest {

    /** The stack's database and identity provider, and a Kafka address nothing listens on. */
    public static class BrokerAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(VigilStack.endpoints().quarkusConfig("intake"));
            config.put("kafka.bootstrap.servers", "127.0.0.1:" + closedPort());
            config.put("vigil.intake.publish-timeout", "2s");
            return config;
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aSingleAlertTheBrokerDoesNotAcknowledgeIs503() {
        given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body(AlertResourceTest.alert("sw-" + UUID.randomUUID(), null))
                .when().post("/api/v1/alerts")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:vigil:problem:not-durable"))
                .body("status", equalTo(503));
    }

    @Test
    void aBatchTheBrokerDoesNotAcknowledgeIs503() {
        String body = "{\"alerts\": [" + AlertResourceTest.alert("sw-" + UUID.randomUUID(), null) + "]}";
        given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body(body)
                .when().post("/api/v1/alerts/batch")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:vigil:problem:not-durable"));
    }
}
