package io.reelay.state.streams;

import io.reelay.kafka.DeadLetterProducer;
import io.reelay.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * Parks what the state topology cannot read (not Avro, unknown schema) or cannot fold on {@code <topic>.dlq}, in
 * the shared dead-letter format with the application id as the consumer, and lets the topology go on: one bad record
 * never stops the job table, and nothing is silently dropped. When a record cannot be parked either (broker
 * unreachable), the stream thread fails rather than skip it, so the record is read again after the restart.
 *
 * <p>Kafka Streams creates its handlers itself, from class names; the producer, whose lifetime the service manages,
 * reaches them through the streams configuration under {@value #PRODUCER_CONFIG}.
 */
public class StreamsDeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Streams configuration key holding the {@link DeadLetterProducer} instance letters are sent with. */
    public static final String PRODUCER_CONFIG = "reelay.dead-letters.producer";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsDeadLetters.class);

    private DeadLetterProducer producer;
    private String consumer;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(PRODUCER_CONFIG) instanceof DeadLetterProducer configured)) {
            throw new ConfigException(PRODUCER_CONFIG, configs.get(PRODUCER_CONFIG),
                    "a DeadLetterProducer is required");
        }
        producer = configured;
        consumer = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        return park(DeadLetters.record(consumer, record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), exception))
                ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            // a failed punctuation (the retention sweep) has no input record to park; the next sweep tries again
            LOG.error("Processing failed outside any input record, at {}", context.processorNodeId(), exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
        try {
            return park(DeadLetters.ofProcessed(consumer, context.topic(), context.partition(), context.offset(),
                    record.key(), record.value(), exception))
                    ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
        } catch (IOException e) {
            LOG.error("Could not encode a record that failed processing", e);
            return ProcessingHandlerResponse.FAIL;
        }
    }

    private boolean park(ProducerRecord<byte[], byte[]> letter) {
        try {
            producer.park(letter);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Could not park a record on {}; stopping instead of losing it", letter.topic(), e);
            return false;
        }
    }
}
