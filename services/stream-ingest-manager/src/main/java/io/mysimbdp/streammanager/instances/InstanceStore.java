package io.mysimbdp.streammanager.instances;

import io.mysimbdp.common.json.JsonFiles;
import io.mysimbdp.streammanager.model.TopicKey;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The manager's small state files under {@code streams/<tenant>/<topic>/}, written atomically (temp file + rename). */
public final class InstanceStore {
    static final String WANTED_FILE = "wanted.json";
    private static final Pattern INSTANCE_FILE = Pattern.compile("[0-9]+\\.json");

    /** What a previous run left for one topic. */
    public record Persisted(Optional<WantedRecord> wanted, List<InstanceRecord> instances) {
    }

    private final Path root;

    public InstanceStore(Path streamsDir) {
        this.root = streamsDir;
    }

    public Path topicDir(TopicKey key) {
        return root.resolve(key.tenant()).resolve(key.topic());
    }

    public void saveInstance(TopicKey key, InstanceRecord r) throws IOException {
        write(topicDir(key).resolve(r.index() + ".json"), r);
    }

    public void deleteInstance(TopicKey key, int index) throws IOException {
        Files.deleteIfExists(topicDir(key).resolve(index + ".json"));
    }

    public void saveWanted(TopicKey key, WantedRecord r) throws IOException {
        write(topicDir(key).resolve(WANTED_FILE), r);
    }

    /** Forgets a topic entirely (its tenant was offboarded or the topic left the profile). */
    public void deleteTopic(TopicKey key) throws IOException {
        Path dir = topicDir(key);
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Path tenantDir = dir.getParent();
        try (Stream<Path> rest = Files.isDirectory(tenantDir) ? Files.list(tenantDir) : Stream.empty()) {
            if (Files.isDirectory(tenantDir) && rest.findAny().isEmpty()) {
                Files.deleteIfExists(tenantDir);
            }
        }
    }

    /** Everything a previous run left, by topic; unreadable files are reported and skipped. */
    public Map<TopicKey, Persisted> load() throws IOException {
        Map<TopicKey, Persisted> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path t : tenants) {
                try (DirectoryStream<Path> topics = Files.newDirectoryStream(t, Files::isDirectory)) {
                    for (Path dir : topics) {
                        TopicKey key = new TopicKey(t.getFileName().toString(), dir.getFileName().toString());
                        out.put(key, new Persisted(read(dir.resolve(WANTED_FILE), WantedRecord.class), instances(dir)));
                    }
                }
            }
        }
        return out;
    }

    private List<InstanceRecord> instances(Path dir) throws IOException {
        List<InstanceRecord> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> INSTANCE_FILE.matcher(p.getFileName().toString()).matches())) {
            for (Path f : files) {
                read(f, InstanceRecord.class).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparingInt(InstanceRecord::index));
        return out;
    }

    private static void write(Path file, Object value) throws IOException {
        JsonFiles.writeAtomically(file, value);
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        return JsonFiles.read(file, type);
    }
}
