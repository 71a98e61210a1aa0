package io.vigil.intake.appliance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A source address (or block) allowed to send syslog for an appliance. */
@Entity
@Table(name = "syslog_source")
public class SyslogSource extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    /** The subject of the TLS client certificate the sender must present over syslog-TLS, if required. */
    @Column(name = "tls_subject")
    public String tlsSubject;

    /** Appliance and address block. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "appliance_id", nullable = false)
        public String applianceId;

        @Column(nullable = false)
        public String cidr;

        public Key() {
        }

        public Key(String applianceId, String cidr) {
            this.applianceId = applianceId;
            this.cidr = cidr;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.applianceId.equals(applianceId) && key.cidr.equals(cidr);
        }

        @Override
        public int hashCode() {
            return Objects.hash(applianceId, cidr);
        }
    }
}
