package io.reelay.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Sends dead letters (see {@link DeadLetters}) as plain bytes, outside any transaction: a record parked by a
 * consumer that then crashes may be parked twice, never lost. The producer is created on the first letter, so a
 * service that never meets a bad record never opens it.
 */
public final class DeadLetterProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProducer.class);

    private final String bootstrapServers;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetterProducer(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends the letter and waits for the broker to acknowledge it. */
    public void park(ProducerRecord<byte[], byte[]> letter) {
        try {
            producer().send(letter).get();
            LOG.warn("Parked record {}-{}@{} read by {} on {}: {}", header(letter, DeadLetters.SOURCE_TOPIC),
                    header(letter, DeadLetters.SOURCE_PARTITION), header(letter, DeadLetters.SOURCE_OFFSET),
                    header(letter, DeadLetters.CONSUMER), letter.topic(), header(letter, DeadLetters.ERROR_MESSAGE));
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead-letter publish failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a record", e);
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static String header(ProducerRecord<byte[], byte[]> letter, String name) {
        return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
