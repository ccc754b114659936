package org.openlearning.catalog;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Universities and companies that offer courses. */
@RegisterConstructorMapper(PartnerDao.PartnerRow.class)
public interface PartnerDao {

    record PartnerRow(long id, String slug, String name, String kind, String description, String website) {
    }

    /** The partner with this slug, created with the given fields when missing. */
    @SqlQuery("""
            INSERT INTO partners (slug, name, kind, description, website)
            VALUES (:slug, :name, :kind, :description, :website)
            ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug
            RETURNING id
            """)
    long upsert(@Bind("slug") String slug, @Bind("name") String name, @Bind("kind") String kind,
            @Bind("description") String description, @Bind("website") String website);

    @SqlQuery("SELECT id, slug, name, kind, description, website FROM partners WHERE slug = :slug")
    Optional<PartnerRow> findBySlug(@Bind("slug") String slug);

    @SqlQuery("SELECT id, slug, name, kind, description, website FROM partners ORDER BY name")
    List<PartnerRow> all();
}
