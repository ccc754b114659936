package org.openlearning.sandbox.runsc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The minimal root filesystem every sandbox of this runner boots from, generated once at start:
 * empty mount points, the merged-/usr symlinks ({@code /bin → usr/bin} …) and an {@code /etc} with
 * only what the toolchains need — the dynamic linker's cache, the {@code alternatives} symlinks, and
 * a passwd/group naming the unprivileged user. Nothing else of the host's {@code /etc} (no shadow),
 * nothing of the runner's own configuration. The host's {@code /usr} (and the directories that are
 * not symlinks into it) are bind-mounted read-only over it by {@link SandboxSpec}.
 */
public final class RootFs {

    /** Top-level host directories with the toolchains; each a symlink into /usr or a read-only bind mount. */
    private static final List<String> SYSTEM_DIRS = List.of("usr", "bin", "sbin", "lib", "lib64");

    /** Mount points inside the sandbox. */
    public static final String BOX = "/box";
    public static final String INPUT = "/in";
    public static final String TMP = "/tmp";

    private final Path dir;
    private final List<Path> readOnlyHostDirs;

    private RootFs(Path dir, List<Path> readOnlyHostDirs) {
        this.dir = dir;
        this.readOnlyHostDirs = readOnlyHostDirs;
    }

    /** The rootfs directory (the OCI spec's {@code root.path}, mounted read-only). */
    public Path dir() {
        return dir;
    }

    /** Host directories bind-mounted read-only at the same path. */
    public List<Path> readOnlyHostDirs() {
        return readOnlyHostDirs;
    }

    /** (Re)creates the rootfs under {@code dir}; {@code extraHostDirs} are toolchains outside /usr. */
    public static RootFs build(Path dir, List<Path> extraHostDirs) throws IOException {
        Files.createDirectories(dir);
        List<Path> binds = new ArrayList<>();
        for (String name : SYSTEM_DIRS) {
            Path host = Path.of("/", name);
            Path inside = dir.resolve(name);
            if (Files.isSymbolicLink(host)) {
                Path target = Files.readSymbolicLink(host);
                Files.deleteIfExists(inside);
                Files.createSymbolicLink(inside, target);
            } else if (Files.isDirectory(host)) {
                Files.createDirectories(inside);
                binds.add(host);
            }
        }
        for (Path extra : extraHostDirs) {
            Path real = extra.toRealPath();
            if (!real.startsWith("/usr")) {
                Files.createDirectories(dir.resolve(Path.of("/").relativize(real)));
                binds.add(real);
            }
        }
        for (String mountPoint : List.of("proc", "dev", "sys", "tmp", "box", "in", "etc")) {
            Files.createDirectories(dir.resolve(mountPoint));
        }
        writeEtc(dir.resolve("etc"));
        return new RootFs(dir, List.copyOf(binds));
    }

    /**
     * Removes what {@link #build} made. Never walks into a mount point: those are removed with a
     * plain rmdir, which fails (and is left alone) if anything were mounted or written there.
     */
    public void remove() {
        try {
            Path etc = dir.resolve("etc");
            Path alternatives = etc.resolve("alternatives");
            if (Files.isDirectory(alternatives, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> links = Files.newDirectoryStream(alternatives)) {
                    for (Path link : links) {
                        if (Files.isSymbolicLink(link)) {
                            Files.delete(link);
                        }
                    }
                }
            }
            for (String file : List.of("ld.so.cache", "passwd", "group", "hosts", "nsswitch.conf")) {
                Files.deleteIfExists(etc.resolve(file));
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (Files.isSymbolicLink(entry)) {
                        Files.delete(entry);
                    }
                }
            }
            for (Path host : readOnlyHostDirs) {
                for (Path p = dir.resolve(Path.of("/").relativize(host)); p.startsWith(dir) && !p.equals(dir);
                     p = p.getParent()) {
                    rmdirQuietly(p);
                }
            }
            rmdirQuietly(alternatives);
            for (String mountPoint : List.of("proc", "dev", "sys", "tmp", "box", "in", "etc")) {
                rmdirQuietly(dir.resolve(mountPoint));
            }
            rmdirQuietly(dir);
        } catch (IOException e) {
            // left for the next start, which rebuilds it in place
        }
    }

    private static void rmdirQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty: leave it
        }
    }

    private static void writeEtc(Path etc) throws IOException {
        Path cache = Path.of("/etc/ld.so.cache");
        if (Files.isRegularFile(cache)) {
            Files.copy(cache, etc.resolve("ld.so.cache"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(etc.resolve("passwd"),
                "root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
                        + "sandbox:x:65534:65534:sandbox:/tmp:/usr/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nsandbox:x:65534:\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n");
        copyAlternatives(etc.resolve("alternatives"));
    }

    /** Copies the symlinks of /etc/alternatives (and only symlinks that point into /usr). */
    private static void copyAlternatives(Path target) throws IOException {
        Path source = Path.of("/etc/alternatives");
        Files.createDirectories(target);
        if (!Files.isDirectory(source)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
            for (Path entry : entries) {
                if (!Files.isSymbolicLink(entry)) {
                    continue;
                }
                Path link = Files.readSymbolicLink(entry);
                Path copy = target.resolve(entry.getFileName().toString());
                if (link.isAbsolute() && link.normalize().startsWith("/usr")
                        && !Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(copy, link);
                }
            }
        }
    }
}
