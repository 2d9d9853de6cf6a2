package io.mysimbdp.common.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one profile document (YAML or JSON, or the seed's {@code constraints_<tenant>.json}) into a
 * {@link ProfileResult}. The tenant id comes from the file name; a document can never speak for
 * another tenant. Pure: bytes in, result out.
 */
public final class ProfileParser {
    /** {@code tenant1.yaml}, {@code tenant1.yml}, {@code tenant1.json} or the seed's {@code constraints_tenant1.json}. */
    private static final Pattern FILE_NAME = Pattern.compile("(constraints_)?(.+)\\.(ya?ml|json)");
    private static final Map<String, String> SEED_FIELDS = Map.of(
            "file_types", "constraints.fileTypes",
            "number_of_files_limit", "constraints.maxStagedFiles",
            "file_size_limit", "constraints.maxFileSize");

    private ProfileParser() {
    }

    /** The tenant a profile file name speaks for, if the name is a profile file name at all. */
    public static Optional<String> tenantOfFileName(String fileName) {
        if (fileName.startsWith(".")) {
            return Optional.empty();
        }
        Matcher m = FILE_NAME.matcher(fileName);
        return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
    }

    public static ProfileResult parse(String fileName, byte[] content) {
        String tenant = tenantOfFileName(fileName).orElse(fileName);
        boolean yaml = fileName.toLowerCase(Locale.ROOT).matches(".*\\.ya?ml");
        return parse(tenant, fileName, yaml, content);
    }

    /**
     * Reads a profile whose tenant is known from elsewhere (e.g. a ConfigMap's label); {@code source}
     * names where it came from in every error, so messages read the same whatever the source.
     */
    public static ProfileResult parse(String tenant, String source, boolean yaml, byte[] content) {
        ObjectMapper mapper = yaml ? Json.yaml() : Json.json();
        List<ProfileError> errors = new ArrayList<>();
        JsonNode tree;
        try {
            tree = mapper.readTree(content);
        } catch (IOException e) {
            errors.add(new ProfileError(tenant, source, "(document)", "not valid " + (yaml ? "YAML" : "JSON") + ": " + firstLine(e)));
            return new ProfileResult.Invalid(tenant, source, errors);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            errors.add(new ProfileError(tenant, source, "(document)", "is empty"));
            return new ProfileResult.Invalid(tenant, source, errors);
        }
        if (!tree.isObject()) {
            errors.add(new ProfileError(tenant, source, "(document)", "must be a mapping of fields, not " + tree.getNodeType().name().toLowerCase(Locale.ROOT)));
            return new ProfileResult.Invalid(tenant, source, errors);
        }
        if (tree.has("file_types") || tree.has("number_of_files_limit") || tree.has("file_size_limit")) {
            tree = fromSeedFormat(tenant, source, (ObjectNode) tree, errors);
            if (!errors.isEmpty()) {
                return new ProfileResult.Invalid(tenant, source, errors);
            }
        }
        TenantProfile profile;
        try {
            profile = mapper.treeToValue(tree, TenantProfile.class);
        } catch (JsonProcessingException e) {
            errors.add(mappingError(tenant, source, e));
            return new ProfileResult.Invalid(tenant, source, errors);
        } catch (IllegalArgumentException e) {
            errors.add(new ProfileError(tenant, source, "(document)", firstLine(e)));
            return new ProfileResult.Invalid(tenant, source, errors);
        }
        errors.addAll(ProfileValidator.validate(tenant, source, profile));
        return errors.isEmpty()
                ? new ProfileResult.Valid(tenant, source, profile.withTenant(tenant))
                : new ProfileResult.Invalid(tenant, source, errors);
    }

    /** The seed's minimal form: {"file_types":"csv,json","number_of_files_limit":10,"file_size_limit":1048576}. */
    private static JsonNode fromSeedFormat(String tenant, String fileName, ObjectNode seed, List<ProfileError> errors) {
        ObjectNode constraints = Json.json().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = seed.fields(); it.hasNext(); ) {
            var field = it.next();
            String target = SEED_FIELDS.get(field.getKey());
            if (target == null) {
                errors.add(new ProfileError(tenant, fileName, field.getKey(),
                        "unknown field in the seed's constraints format (known: " + SEED_FIELDS.keySet() + ")"));
                continue;
            }
            String key = target.substring("constraints.".length());
            JsonNode value = field.getValue();
            if (field.getKey().equals("file_types") && value.isTextual()) {
                var types = constraints.putArray(key);
                for (String t : value.asText().split(",")) {
                    if (!t.isBlank()) {
                        types.add(t.trim());
                    }
                }
            } else {
                constraints.set(key, value);
            }
        }
        ObjectNode profile = Json.json().createObjectNode();
        profile.set("constraints", constraints);
        return profile;
    }

    private static ProfileError mappingError(String tenant, String fileName, JsonProcessingException e) {
        String field = e instanceof JsonMappingException jme ? path(jme.getPath()) : "(document)";
        String problem;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            problem = "unknown field (known fields here: " + known + ")";
        } else {
            problem = firstLine(e);
        }
        return new ProfileError(tenant, fileName, field.isEmpty() ? "(document)" : field, problem);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String line = message.split("\n")[0].trim();
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null && jpe.getLocation().getLineNr() > 0) {
            line += " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")";
        }
        return line;
    }
}
