package io.stockledger.eventstore;

import org.axonframework.serialization.Serializer;

import java.util.List;

/** Every serializer {@link SerializerConfiguration} makes for storage, for the tests that hold of all of them. */
final class StorageSerializers {

    private StorageSerializers() {
    }

    static List<Serializer> all() {
        return List.of(SerializerConfiguration.eventJsonSerializer(), SerializerConfiguration.stateSerializer(),
                SerializerConfiguration.jsonSerializer());
    }
}
