package dev.berth.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every Java snippet of the README appears word for word in ReadmeSnippetsIT, which compiles and runs them. */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()));

    @Test
    void everyJavaSnippetOfTheReadmeIsRunByReadmeSnippetsIT() throws IOException {
        List<String> snippets = snippets(Files.readString(ROOT.resolve("README.md")));
        String it = normalised(Files.readString(ROOT.resolve(
                "samples/src/test/java/dev/berth/samples/readme/ReadmeSnippetsIT.java")));

        assertThat(snippets).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 0; i < snippets.size(); i++) {
            assertThat(it).as("README snippet %d, as written there, in ReadmeSnippetsIT", i + 1)
                    .contains(normalised(snippets.get(i)));
        }
    }

    private static List<String> snippets(String markdown) {
        List<String> snippets = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                snippets.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return snippets;
    }

    /** Each line without its indentation, and a class's modifiers on their own lines joined, as the IT nests it. */
    private static String normalised(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("static"))
                .collect(Collectors.joining("\n"));
    }
}
