package io.stockledger.eventstore;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassCachingJacksonSerializerTest {

    /** A stored payload type, as an event's would be. */
    record Parcel(String label, int units) {
    }

    private final List<Serializer> serializers = StorageSerializers.all();

    @Test
    void everyStorageSerializerLooksTypesUpOnce() {
        assertThat(serializers).allSatisfy(serializer ->
                assertThat(serializer).isInstanceOf(ClassCachingJacksonSerializer.class));
    }

    @Test
    void aKnownTypeReadsBackTheSameObjectEveryTime() {
        for (Serializer serializer : serializers) {
            SerializedObject<byte[]> stored = serializer.serialize(new Parcel("pallet", 12), byte[].class);
            Parcel first = serializer.deserialize(stored);
            Parcel again = serializer.deserialize(stored);
            assertThat(first).isEqualTo(new Parcel("pallet", 12)).isEqualTo(again);
            assertThat(serializer.classForType(stored.getType())).isSameAs(Parcel.class);
        }
    }

    @Test
    void anUnknownTypeStaysUnknownAndTheEmptyTypeStaysVoid() {
        Serializer serializer = SerializerConfiguration.eventJsonSerializer();
        SimpleSerializedType gone = new SimpleSerializedType("com.example.RemovedEvent", null);

        assertThat(serializer.classForType(gone)).isSameAs(UnknownSerializedType.class);
        assertThat(serializer.classForType(gone)).isSameAs(UnknownSerializedType.class);
        Object read = serializer.deserialize(new SimpleSerializedObject<>(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), byte[].class, gone));
        assertThat(read).isInstanceOf(UnknownSerializedType.class);
        assertThat(serializer.classForType(SimpleSerializedType.emptyType())).isSameAs(Void.class);
    }
}
