package org.openlearning.db;

import java.math.BigDecimal;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.spring.SpringConnectionFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.PartnerDao;
import org.openlearning.catalogimport.CatalogImportDao;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.identity.UserDao;
import org.openlearning.progress.ProgressDao;
import org.openlearning.video.VideoUploadDao;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jdbi wired once, through Spring's connection handling, so that {@code @Transactional} and Spring
 * Batch chunk transactions cover every SQL object.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(new SpringConnectionFactory(dataSource))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin())
                .registerArrayType(BigDecimal.class, "numeric");
    }

    @Bean
    UserDao userDao(Jdbi jdbi) {
        return jdbi.onDemand(UserDao.class);
    }

    @Bean
    PartnerDao partnerDao(Jdbi jdbi) {
        return jdbi.onDemand(PartnerDao.class);
    }

    @Bean
    CourseDao courseDao(Jdbi jdbi) {
        return jdbi.onDemand(CourseDao.class);
    }

    @Bean
    EnrollmentDao enrollmentDao(Jdbi jdbi) {
        return jdbi.onDemand(EnrollmentDao.class);
    }

    @Bean
    CatalogImportDao catalogImportDao(Jdbi jdbi) {
        return jdbi.onDemand(CatalogImportDao.class);
    }

    @Bean
    VideoUploadDao videoUploadDao(Jdbi jdbi) {
        return jdbi.onDemand(VideoUploadDao.class);
    }

    @Bean
    ProgressDao progressDao(Jdbi jdbi) {
        return jdbi.onDemand(ProgressDao.class);
    }
}
