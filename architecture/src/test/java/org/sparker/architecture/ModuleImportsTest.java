package org.sparker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every module imports only what the "Imports:" line of its README allows: the modules named there
 * in backticks and the libraries named in plain words (a "Runtime:" line names the modules it
 * finds through ServiceLoader, which it may depend on at runtime scope but never import). Checked
 * twice: the module's {@code pom.xml} (compile- and runtime-scope dependencies on this project's
 * modules) and its compiled classes (every class they reference, through ArchUnit).
 */
class ModuleImportsTest {

    /** Library names a README may use, and the packages each stands for. */
    static final Map<String, List<String>> LIBRARIES = Map.ofEntries(
            Map.entry("Jackson", List.of("com.fasterxml.jackson.")),
            Map.entry("picocli", List.of("picocli.")),
            Map.entry("XChart", List.of("org.knowm.xchart.")),
            Map.entry("Commons Statistics", List.of("org.apache.commons.statistics.")),
            Map.entry("Commons RNG", List.of("org.apache.commons.rng.")),
            Map.entry("Commons Numbers", List.of("org.apache.commons.numbers.")),
            Map.entry("EJML", List.of("org.ejml.")),
            Map.entry("JCuda", List.of("jcuda.")),
            Map.entry("JMH", List.of("org.openjdk.jmh.")),
            Map.entry("Spark", List.of("org.apache.spark.", "scala.")),
            Map.entry("jhdf", List.of("io.jhdf.")),
            Map.entry("npy", List.of("org.openlca.npy.")),
            Map.entry("progressbar", List.of("me.tongfei.progressbar.")),
            Map.entry("the Vector API", List.of("jdk.incubator.vector.")),
            Map.entry("Hipparchus", List.of("org.hipparchus.")),
            Map.entry("the JDK", List.of()));

    /** Imports narrower than a module: the classes of {@code cli} that may use {@code reproduction}. */
    static final Map<String, Set<String>> ONLY_FROM = Map.of("cli->reproduction",
            Set.of("org.sparker.cli.ToyCommand", "org.sparker.cli.InvarianceCommand"));

    record Allowed(Set<String> modules, Set<String> runtime, List<String> packages) {
    }

    static Path root;
    static List<String> modules;
    static Map<String, Allowed> allowed = new TreeMap<>();
    /** Package → the module that owns it. */
    static Map<String, String> owner = new TreeMap<>();

    @BeforeAll
    static void readTheModules() throws Exception {
        root = Path.of("..").toAbsolutePath().normalize();
        modules = new ArrayList<>();
        NodeList list = xml(root.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            String m = list.item(i).getTextContent().trim();
            if (!m.equals("architecture")) {
                modules.add(m);
            }
        }
        for (String m : modules) {
            allowed.put(m, parse(m));
            Path classes = root.resolve(m).resolve("target/classes");
            if (Files.isDirectory(classes)) {
                try (Stream<Path> files = Files.walk(classes)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                        String pkg = classes.relativize(f.getParent()).toString().replace('/', '.');
                        String before = owner.putIfAbsent(pkg, m);
                        if (before != null && !before.equals(m)) {
                            throw new AssertionError("package " + pkg + " is in both " + before + " and " + m);
                        }
                    });
                }
            }
        }
    }

    /** The "Imports:" (and "Runtime:") paragraphs of a module's README. */
    static Allowed parse(String module) throws IOException {
        Path readme = root.resolve(module).resolve("README.md");
        assertThat(readme).as(module + " has a README").exists();
        String text = Files.readString(readme);
        String imports = paragraph(text, "Imports:");
        assertThat(imports).as(module + "/README.md has an \"Imports:\" line").isNotNull();
        String runtime = paragraph(text, "Runtime:");
        Set<String> mods = new TreeSet<>();
        Matcher tick = Pattern.compile("`([a-z-]+)`").matcher(imports);
        while (tick.find()) {
            assertThat(modules).as(module + "/README.md imports unknown module " + tick.group(1)).contains(tick.group(1));
            mods.add(tick.group(1));
        }
        List<String> packages = new ArrayList<>();
        String words = imports.replaceAll("`[a-z-]+`(\\s*\\([^)]*\\))?", "").replace(".", "");
        for (String w : words.split("[,;]|\\band\\b")) {
            String name = w.strip();
            if (name.isEmpty() || name.equals("nothing else")) {
                continue;
            }
            assertThat(LIBRARIES).as(module + "/README.md names a library this check does not know: '" + name
                    + "' (known: " + new TreeSet<>(LIBRARIES.keySet()) + ")").containsKey(name);
            packages.addAll(LIBRARIES.get(name));
        }
        Set<String> run = new TreeSet<>();
        if (runtime != null) {
            Matcher r = Pattern.compile("`([a-z-]+)`").matcher(runtime);
            while (r.find()) {
                run.add(r.group(1));
            }
        }
        return new Allowed(mods, run, packages);
    }

    /** The text after {@code label} up to the end of its paragraph, or null. */
    static String paragraph(String text, String label) {
        int i = text.indexOf("\n" + label);
        if (i < 0) {
            return null;
        }
        int end = text.indexOf("\n\n", i + 1);
        return text.substring(i + 1 + label.length(), end < 0 ? text.length() : end).replace('\n', ' ');
    }

    @Test
    void everyPomDependsOnlyOnWhatItsReadmeAllows() throws Exception {
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (String m : modules) {
            Allowed a = allowed.get(m);
            NodeList deps = xml(root.resolve(m).resolve("pom.xml")).getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element d = (Element) deps.item(i);
                if (d.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")
                        || !"org.sparker".equals(text(d, "groupId"))) {
                    continue;
                }
                String artifact = text(d, "artifactId");
                String scope = text(d, "scope") == null ? "compile" : text(d, "scope");
                boolean ok = switch (scope) {
                    case "test" -> true;
                    case "runtime" -> a.runtime().contains(artifact) || a.modules().contains(artifact);
                    default -> a.modules().contains(artifact);
                };
                if (!ok) {
                    wrong.computeIfAbsent(m, k -> new ArrayList<>()).add(artifact + " (" + scope + ")");
                }
            }
        }
        assertThat(wrong).as("pom dependencies that the module's README does not allow").isEmpty();
    }

    @Test
    void everyClassImportsOnlyWhatItsModuleReadmeAllows() {
        Map<String, Set<String>> wrong = new TreeMap<>();
        for (String m : modules) {
            Path classes = root.resolve(m).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                continue; // a module of tests only
            }
            Allowed a = allowed.get(m);
            JavaClasses imported = new ClassFileImporter().importPath(classes);
            for (JavaClass c : imported) {
                for (Dependency dep : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = dep.getTargetClass().getBaseComponentType();
                    if (target.isPrimitive()) {
                        continue;
                    }
                    String name = target.getName();
                    String why = problem(m, a, c.getName(), name);
                    if (why != null) {
                        wrong.computeIfAbsent(m, k -> new TreeSet<>()).add(c.getName() + " → " + name + ": " + why);
                    }
                }
            }
        }
        assertThat(wrong).as("imports that the module's README does not allow").isEmpty();
    }

    /** Why {@code from} (in {@code module}) may not use {@code to}, or null when it may. */
    static String problem(String module, Allowed a, String from, String to) {
        String pkg = to.contains(".") ? to.substring(0, to.lastIndexOf('.')) : "";
        String target = owner.get(pkg);
        if (target != null) {
            if (target.equals(module)) {
                return null;
            }
            if (!a.modules().contains(target)) {
                return "module " + target + " is not in its Imports";
            }
            Set<String> only = ONLY_FROM.get(module + "->" + target);
            return only == null || only.contains(from.replaceAll("\\$.*", "")) ? null
                    : target + " is for " + only + " only";
        }
        if (to.startsWith("org.sparker.")) {
            return "no module owns " + pkg;
        }
        if (to.startsWith("java.") || to.startsWith("javax.") || to.startsWith("org.w3c.") || to.startsWith("sun.misc.")
                || to.startsWith("com.sun.management.")
                || (to.startsWith("jdk.") && !to.startsWith("jdk.incubator."))) {
            return null;
        }
        for (String p : a.packages()) {
            if (to.startsWith(p)) {
                return null;
            }
        }
        return "a library not in its Imports";
    }

    @Test
    void theApplicationLayerImportsNeitherStudiesNorBenchmarks() {
        assertThat(allowed.get("sparker-app").modules()).doesNotContain("reproduction", "jmh-benchmarks", "cli",
                "spark-runner");
        for (String m : modules) {
            if (!m.equals("jmh-benchmarks") && !m.equals("architecture")) {
                assertThat(allowed.get(m).modules()).as(m + " imports the benchmarks, a leaf").doesNotContain("jmh-benchmarks");
            }
        }
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }

    private static org.w3c.dom.Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
