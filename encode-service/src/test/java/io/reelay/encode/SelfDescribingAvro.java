package io.reelay.encode;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Avro values for tests without a schema registry: the generated class's name, then the Avro binary, so the reader
 * knows what to decode into. Configured as the service's serializer and deserializer in place of the
 * registry-backed ones.
 */
public final class SelfDescribingAvro {

    private SelfDescribingAvro() {
    }

    /** Usable as a producer's value.serializer. */
    public static class Writer implements Serializer<SpecificRecord> {

        @Override
        public byte[] serialize(String topic, SpecificRecord value) {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new DataOutputStream(bytes).writeUTF(value.getClass().getName());
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
                new SpecificDatumWriter<SpecificRecord>(value.getSchema(), SpecificData.getForClass(value.getClass()))
                        .write(value, encoder);
                encoder.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        }
    }

    /** Usable as a consumer's value.deserializer. */
    public static class Reader implements Deserializer<SpecificRecord> {

        @Override
        public SpecificRecord deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try {
                ByteArrayInputStream bytes = new ByteArrayInputStream(data);
                Class<?> type = Class.forName(new DataInputStream(bytes).readUTF());
                SpecificData model = SpecificData.getForClass(type);
                BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(bytes, null);
                return new SpecificDatumReader<SpecificRecord>(model.getSchema(type), model.getSchema(type), model)
                        .read(null, decoder);
            } catch (IOException | ClassNotFoundException e) {
                throw new SerializationException(e);
            }
        }
    }
}
