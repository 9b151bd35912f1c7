package io.reelay.kafka;

import io.micronaut.configuration.kafka.config.DefaultKafkaListenerExceptionHandlerConfiguration;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

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

    private final KafkaDefaultConfiguration kafka;
    private volatile KafkaProducer<byte[], byte[]> producer;

    DeadLetterExceptionHandler(DefaultKafkaListenerExceptionHandlerConfiguration configuration,
                               KafkaDefaultConfiguration kafka) {
        super(configuration);
        this.kafka = kafka;
    }

    @Override
    public void handle(KafkaListenerException exception) {
        try {
            deadLetterOf(exception).ifPresent(this::park);
        } catch (RuntimeException | IOException e) {
            LOG.error("Could not park a failed record on its dead-letter topic", e);
        }
        super.handle(exception);
    }

    private Optional<ProducerRecord<byte[], byte[]>> deadLetterOf(KafkaListenerException exception)
            throws IOException {
        if (exception.getCause() instanceof RecordDeserializationException unreadable) {
            return Optional.of(DeadLetters.record(unreadable.topicPartition().topic(),
                    unreadable.topicPartition().partition(), unreadable.offset(),
                    DeadLetters.bytes(unreadable.keyBuffer()), DeadLetters.bytes(unreadable.valueBuffer()), unreadable));
        }
        if (exception.getConsumerRecord().isEmpty()) {
            return Optional.empty();
        }
        ConsumerRecord<?, ?> record = exception.getConsumerRecord().get();
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        ProducerRecord<byte[], byte[]> letter = DeadLetters.record(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8),
                encode(record.value()), cause);
        if (record.value() instanceof SpecificRecordBase) {
            letter.headers().add(DeadLetters.VALUE_ENCODING, "avro-single-object".getBytes(StandardCharsets.UTF_8));
        }
        return Optional.of(letter);
    }

    private static byte[] encode(Object value) throws IOException {
        if (value instanceof SpecificRecordBase avro) {
            return DeadLetters.bytes(new BinaryMessageEncoder<SpecificRecordBase>(avro.getSpecificData(), avro.getSchema())
                    .encode(avro));
        }
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void park(ProducerRecord<byte[], byte[]> letter) {
        try {
            producer().send(letter).get();
            LOG.warn("Parked record {}-{}@{} on {}: {}", header(letter, DeadLetters.SOURCE_TOPIC),
                    header(letter, DeadLetters.SOURCE_PARTITION), header(letter, DeadLetters.SOURCE_OFFSET),
                    letter.topic(), header(letter, DeadLetters.ERROR_MESSAGE));
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead-letter publish failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a record", e);
        }
    }

    private static String header(ProducerRecord<byte[], byte[]> letter, String name) {
        return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties config = new Properties();
                    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.getConfig().getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
