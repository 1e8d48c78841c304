package io.stockledger.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default: with no {@code DATABASE_URL}, the service starts its own PostgreSQL (binaries shipped as a
 * Maven artifact) with its data under {@code ./data/postgres}, so a first run needs nothing but a JDK and the data
 * survives a restart. Never meant for production: there, point {@code DATABASE_URL} at a real server.
 *
 * <p>Durable all the same: the library that runs it starts PostgreSQL as a test database, with {@code fsync} off (its
 * {@code -F} flag) and {@code synchronous_commit} off, so a commit would be acknowledged before it reached the disk
 * and a power cut could lose it, or leave the data directory unreadable. Both are switched back on here (a
 * {@code -c} setting comes after {@code -F} and wins), so an answered write survives a crash here as it does on a
 * real server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(@Value("${ledger.embedded.data-dir:./data/postgres}") String dataDir,
                                             @Value("${ledger.embedded.port:54329}") int port) throws IOException {
        Path directory = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(directory);
        log.info("DATABASE_URL is not set: starting embedded PostgreSQL on port {} with data in {}", port, directory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // Spring stops it (destroyMethod), after the event processors and the connection pool that use it;
                // its own JVM shutdown hook would stop it at once, under processors still writing, on SIGTERM
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EmbeddedPostgres postgres,
                                       @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
