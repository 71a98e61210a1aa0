package io.vigil.contracts;

import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.envelope.OptionalField;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** What the payload records say about their own fields, read from the records so no test keeps a copy. */
final class PayloadFields {

    private PayloadFields() {
    }

    static List<RecordComponent> components(EventType type) {
        return List.of(type.payloadClass().getRecordComponents());
    }

    static boolean isOptional(RecordComponent component) {
        return component.isAnnotationPresent(OptionalField.class);
    }

    static List<String> required(EventType type) {
        return components(type).stream().filter(c -> !isOptional(c)).map(RecordComponent::getName).toList();
    }

    /** (event type, required field) for every required field of every event type. */
    static Stream<Arguments> everyRequiredField() {
        return Arrays.stream(EventType.values())
                .flatMap(type -> required(type).stream().map(field -> Arguments.of(type, field)));
    }

    /** (event type, field) for every field of every event type whose Java type is an enum. */
    static Stream<Arguments> everyEnumField() {
        return Arrays.stream(EventType.values())
                .flatMap(type -> components(type).stream()
                        .filter(c -> c.getType().isEnum())
                        .map(c -> Arguments.of(type, c.getName())));
    }
}
