package com.penguinmails.webhooks.localstack;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka (KRaft, Apache's image) and PostgreSQL 17 in containers, for the local stack under {@code -Ptestcontainers}:
 * the same end-to-end tests as against the embedded ones. Without a Docker engine the tests are skipped (a JUnit
 * assumption), not failed. The containers live as long as the test JVM (Testcontainers' Ryuk removes them).
 */
final class ContainerInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17";

    private ContainerInfrastructure() {
    }

    /** Called by {@code TestStack} (by name: this class is compiled only under the profile). */
    static LocalStack.External start() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers: the Testcontainers run of the end-to-end tests is skipped");
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
        kafka.start();
        postgres.start();
        String r2dbcUrl = "r2dbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + postgres.getDatabaseName();
        return new LocalStack.External(kafka.getBootstrapServers(), postgres.getJdbcUrl(), r2dbcUrl,
                postgres.getUsername(), postgres.getPassword());
    }
}
