package dev.parley.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads every file of one directory on the class path, whether that directory lies on disk
 * ({@code target/classes} in development and tests) or inside the application jar (production), so the
 * command catalog and the locales are discovered without an index file to keep in step.
 */
public final class ClasspathDirectory {
    private ClasspathDirectory() {
    }

    /**
     * @param loader    the class loader to search
     * @param directory a directory path on the class path without leading or trailing slash, e.g. {@code commands}
     * @param suffix    the file name ending to keep, e.g. {@code .yaml}
     * @return file name (without the directory) to UTF-8 content, for the files directly inside the directory,
     *         sorted by name; empty when the directory is nowhere on the class path
     * @throws IllegalStateException when two class path roots hold a file of the same name, or a root cannot be listed
     * @throws UncheckedIOException  when a file cannot be read
     */
    public static SortedMap<String, String> read(ClassLoader loader, String directory, String suffix) {
        SortedMap<String, String> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(directory);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                SortedMap<String, String> found = switch (root.getProtocol()) {
                    case "file" -> fromDisk(root, suffix);
                    case "jar" -> fromJar(root, directory, suffix);
                    default -> throw new IllegalStateException("cannot list class path directory " + root);
                };
                found.forEach((name, content) -> {
                    if (files.putIfAbsent(name, content) != null) {
                        throw new IllegalStateException(directory + "/" + name + " is on the class path twice, one copy in "
                                + root);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class path directory " + directory, e);
        }
        return Collections.unmodifiableSortedMap(files);
    }

    private static SortedMap<String, String> fromDisk(URL root, String suffix) throws IOException {
        Path dir;
        try {
            dir = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list class path directory " + root, e);
        }
        SortedMap<String, String> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> listing = Files.list(dir)) {
            paths = listing.filter(Files::isRegularFile).toList();
        }
        for (Path path : paths) {
            String name = path.getFileName().toString();
            if (name.endsWith(suffix)) {
                files.put(name, Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static SortedMap<String, String> fromJar(URL root, String directory, String suffix) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = directory + "/";
        SortedMap<String, String> files = new TreeMap<>();
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
                    continue;
                }
                String fileName = name.substring(prefix.length());
                if (!fileName.contains("/")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return files;
    }
}
