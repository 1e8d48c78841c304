package io.stockledger.command.transfer;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The transfer process gets its own single-threaded tracking processor, whose errors propagate: a shipment it could
 * not finish is retried (with Axon's back-off), never skipped.
 *
 * <p>{@code ledger.transfers.process-enabled=false} keeps the processor from starting on this instance: shipments
 * then stay in transit until an instance with the process running picks them up from the processor's token. Useful
 * to pause deliveries, and how the tests hold a transfer in transit across a restart.
 */
@Configuration
class TransferProcessConfiguration {

    @Bean
    ConfigurerModule transferProcessor(@Value("${ledger.transfers.process-enabled:true}") boolean enabled) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(TransferProcess.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andAutoStart(enabled))
                .registerListenerInvocationErrorHandler(TransferProcess.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
