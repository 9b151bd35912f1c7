package io.reelay.kafka;

import io.micronaut.configuration.kafka.config.DefaultKafkaListenerExceptionHandlerConfiguration;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Parks every record a listener cannot read or process on {@code <topic>.dlq}, then lets the consumer move on:
 * one poison message never stops a service, and nothing is silently lost. Unreadable records keep their original
 * bytes; records that were read but failed in processing are re-encoded with Avro's single-object encoding.
 */
@Singleton
@Replaces(DefaultKafkaListenerExceptionHandler.class)
@Requires(classes = KafkaListenerException.class)
public class DeadLetterExceptionHandler extends DefaultKafkaListenerExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private final DeadLetterProducer letters;

    DeadLetterExceptionHandler(DefaultKafkaListenerExceptionHandlerConfiguration configuration,
                               KafkaDefaultConfiguration kafka) {
        super(configuration);
        this.letters = new DeadLetterProducer(kafka.getConfig().getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    @Override
    public void handle(KafkaListenerException exception) {
        try {
            deadLetterOf(exception).ifPresent(letters::park);
        } catch (RuntimeException | IOException e) {
            LOG.error("Could not park a failed record on its dead-letter topic", e);
        }
        super.handle(exception);
    }

    private static Optional<ProducerRecord<byte[], byte[]>> deadLetterOf(KafkaListenerException exception)
            throws IOException {
        // called on the consumer's own thread, the only one that may use it
        String consumer = exception.getKafkaConsumer().groupMetadata().groupId();
        if (exception.getCause() instanceof RecordDeserializationException unreadable) {
            return Optional.of(DeadLetters.record(consumer, unreadable.topicPartition().topic(),
                    unreadable.topicPartition().partition(), unreadable.offset(),
                    DeadLetters.bytes(unreadable.keyBuffer()), DeadLetters.bytes(unreadable.valueBuffer()),
                    unreadable));
        }
        if (exception.getConsumerRecord().isEmpty()) {
            return Optional.empty();
        }
        ConsumerRecord<?, ?> record = exception.getConsumerRecord().get();
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        return Optional.of(DeadLetters.ofProcessed(consumer, record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), cause));
    }

    @PreDestroy
    void close() {
        letters.close();
    }
}
