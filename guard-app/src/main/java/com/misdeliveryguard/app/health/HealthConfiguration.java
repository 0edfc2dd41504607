package com.misdeliveryguard.app.health;

import com.misdeliveryguard.smtp.spool.Spool;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the {@link StorageGate} (the listener's {@code CommitGate}) and its {@code storage} health indicator. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    StorageGate storageGate(Spool spool, DataSource dataSource, HealthProperties properties, Clock clock,
            MeterRegistry registry) {
        return new StorageGate(spool, dataSource, properties, clock, registry);
    }

    @Bean("storage")
    StorageHealthIndicator storageHealthIndicator(StorageGate gate) {
        return new StorageHealthIndicator(gate);
    }
}
