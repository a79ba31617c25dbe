package dev.berth.docker.internal.volume;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The directories of a volume opened from its root down, each relative to its parent and never through a symbolic
 * link ({@code openat} with {@code O_NOFOLLOW}). It keeps the chain that led to the last directory asked for, so that
 * entries taken in walk order open each directory once, and holds one descriptor per level. Not thread-safe.
 */
final class DirectoryChain implements AutoCloseable {
    /** Checks a directory about to be opened, by its path and its name in its open parent. */
    interface Check {
        void opening(String path, SecureDirectoryStream<Path> parent, Path name) throws IOException;
    }

    private record Open(String path, SecureDirectoryStream<Path> stream) {
    }

    private final Path root;
    private final Check check;
    private final Deque<Open> chain = new ArrayDeque<>();

    DirectoryChain(Path root, Check check) {
        this.root = root;
        this.check = check;
    }

    /** The root opened so that what is below it is opened relative to it; fails on a JVM that cannot. */
    static SecureDirectoryStream<Path> open(Path root) throws IOException {
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> dir)) {
            top.close();
            throw new IOException("this JVM cannot open the entries of " + root + " without following links");
        }
        return dir;
    }

    /** The open directory at {@code path}, relative to the root ({@code ""} for the root itself). */
    SecureDirectoryStream<Path> directory(String path) throws IOException {
        while (!chain.isEmpty() && !(path.equals(chain.peek().path()) || chain.peek().path().isEmpty()
                || path.startsWith(chain.peek().path() + "/"))) {
            chain.pop().stream().close();
        }
        if (chain.isEmpty()) {
            chain.push(new Open("", open(root)));
        }
        while (!chain.peek().path().equals(path)) {
            String at = chain.peek().path();
            int next = path.indexOf('/', at.isEmpty() ? 0 : at.length() + 1);
            String child = next < 0 ? path : path.substring(0, next);
            Path name = Path.of(child.substring(at.isEmpty() ? 0 : at.length() + 1));
            SecureDirectoryStream<Path> parent = chain.peek().stream();
            check.opening(child, parent, name);
            chain.push(new Open(child, parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)));
        }
        return chain.peek().stream();
    }

    /** The directory that holds {@code path}, and its name there. */
    SecureDirectoryStream<Path> parentOf(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        return directory(slash < 0 ? "" : path.substring(0, slash));
    }

    static Path nameOf(String path) {
        return Path.of(path.substring(path.lastIndexOf('/') + 1));
    }

    @Override
    public void close() throws IOException {
        while (!chain.isEmpty()) {
            chain.pop().stream().close();
        }
    }
}
