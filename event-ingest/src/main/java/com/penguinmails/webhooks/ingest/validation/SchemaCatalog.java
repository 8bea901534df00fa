package com.penguinmails.webhooks.ingest.validation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.RejectCode;
import com.penguinmails.webhooks.model.EventType;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of every event type's {@code data} (from shared-model), compiled once and checked with the
 * networknt validator (draft 2020-12). Unknown extra fields are allowed by the schemas and kept.
 */
@Component
public class SchemaCatalog {

    private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

    public SchemaCatalog() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (EventType type : EventType.values()) {
            schemas.put(type, registry.getSchema(type.schemaJson(), InputFormat.JSON));
        }
    }

    /** Every way the data breaks its type's schema; empty when it conforms. Fields are named from {@code path}. */
    public List<FieldError> check(EventType type, JsonNode data, String path) {
        com.fasterxml.jackson.databind.JsonNode bridged;
        try {
            bridged = TreeBridge.toJackson2(data);
        } catch (TreeBridge.UnstorableValueException e) {
            return List.of(new FieldError(path + "data" + e.field(), e.getMessage(), RejectCode.INVALID_FIELD));
        }
        return SchemaErrors.describe(schemas.get(type).validate(bridged), path);
    }
}
