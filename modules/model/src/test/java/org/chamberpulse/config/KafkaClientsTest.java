package org.chamberpulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void shouldGiveEveryClientTheDeploymentsKafkaSettingsAndTheServersGiven() {
        // given a deployment with a secured cluster, whose settings name servers of their own
        PulseConfig config = PulseConfig.fromSettings(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.bootstrap.servers", "from-settings:9092"));

        // when
        Properties props = KafkaClients.of(config, "given:9092");

        // then
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("bootstrap.servers", "given:9092");
    }

    @Test
    void shouldReadOnlyCommittedRecordsAndKeepNoOffsetsInAGroup() {
        // given
        PulseConfig config = PulseConfig.fromSettings(Map.of("kafka.client.dns.lookup", "use_all_dns_ips"));

        // when
        Properties props = KafkaClients.committedReader(config, "given:9092");

        // then
        assertThat(props).containsEntry("isolation.level", "read_committed").containsEntry("enable.auto.commit", "false")
                .containsEntry("client.dns.lookup", "use_all_dns_ips").containsEntry("bootstrap.servers", "given:9092");
    }
}
