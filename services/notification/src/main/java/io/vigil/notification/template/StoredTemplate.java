package io.vigil.notification.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One version of a trust's own wording of a (key, language); never changed once stored. */
@Entity
@Table(name = "message_template")
public class StoredTemplate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "key", nullable = false)
    public String templateKey;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String sms;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public String reason;

    /** The trust's newest version of (key, language), if it has any. */
    public static Optional<StoredTemplate> newest(String trustId, String key, String language) {
        return find("trustId = ?1 and templateKey = ?2 and language = ?3 order by version desc", trustId, key, language)
                .firstResultOptional();
    }

    /** Every version the trust has of (key, language), newest first. */
    public static List<StoredTemplate> versions(String trustId, String key, String language) {
        return list("trustId = ?1 and templateKey = ?2 and language = ?3 order by version desc", trustId, key, language);
    }

    /** The languages the trust has its own wording of {@code key} in. */
    public static List<String> languages(String trustId, String key) {
        return getEntityManager().createQuery("select distinct s.language from StoredTemplate s "
                + "where s.trustId = ?1 and s.templateKey = ?2 order by s.language", String.class)
                .setParameter(1, trustId).setParameter(2, key).getResultList();
    }

    TemplateVersion toVersion(TemplateKey key) {
        return new TemplateVersion(key, language, version, false, new TemplateText(subject, body, sms), changedBy,
                changedAt, reason);
    }
}
