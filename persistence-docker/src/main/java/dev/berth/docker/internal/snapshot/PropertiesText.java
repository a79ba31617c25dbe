package dev.berth.docker.internal.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** String properties as UTF-8 text, one per line, sorted by key: the form of manifests on disk and in exports. */
final class PropertiesText {
    private PropertiesText() {
    }

    static void write(Map<String, String> properties, OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            Properties one = new Properties(); // for its escaping of keys and values
            one.setProperty(e.getKey(), e.getValue());
            StringWriter line = new StringWriter();
            one.store(line, null);
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> read(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
