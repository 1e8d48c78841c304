package io.stockledger.api.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib image (api/pom.xml) is the Dockerfile's image built another way: the same Java line, user, data directory,
 * environment, ports and `java -jar`, compose's ports and health check fit it, and no build runs Jib unasked.
 * scripts/image-smoke.sh builds it and starts it; this reads the configuration only.
 */
class JibConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXTRA_DIRECTORY = ROOT.resolve("api/src/main/jib");

    private static Element jib;
    private static DockerfileInstructions dockerfile;

    @BeforeAll
    static void read() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("api/pom.xml").toFile());
        jib = (Element) XPathFactory.newInstance().newXPath().evaluate(
                "/project/build/plugins/plugin[artifactId='jib-maven-plugin']", pom, XPathConstants.NODE);
        dockerfile = DockerfileInstructions.finalStageOf(ROOT.resolve("Dockerfile"));
    }

    @Test
    void jibRunsOnlyWhenAskedForAndOnlyInApi() throws Exception {
        Document parent = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile());
        Node managed = (Node) xpath(parent,
                "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']", XPathConstants.NODE);

        assertThat(jib).as("api/pom.xml declares jib-maven-plugin").isNotNull();
        assertThat(text("groupId")).isEqualTo("com.google.cloud.tools");
        assertThat(managed).as("the parent manages it, so the reactor knows the jib: prefix").isNotNull();
        assertThat(xpathText(managed, "version")).as("a fixed version").matches("\\d+\\.\\d+\\.\\d+");
        assertThat(xpathText(managed, "configuration/skip")).as("skipped in the other modules").isEqualTo("true");
        assertThat(text("configuration/skip")).isEqualTo("false");
        assertThat(nodes("executions")).as("bound to no phase: package and verify never build an image").isEmpty();
        assertThat((NodeList) xpath(managed, "executions", XPathConstants.NODESET)).extracting(NodeList::getLength)
                .isEqualTo(0);
    }

    @Test
    void theBaseImageIsTheDockerfilesJre() throws Exception {
        String base = text("configuration/from/image");

        Matcher temurin = Pattern.compile("eclipse-temurin:(\\d+)-jre").matcher(base);
        assertThat(temurin.matches()).as("a Temurin JRE: %s", base).isTrue();
        assertThat(Integer.parseInt(temurin.group(1))).as("Java 21 or newer").isGreaterThanOrEqualTo(21);
        assertThat(base).as("the Dockerfile's run stage").isEqualTo(dockerfile.argumentsOf("FROM"));
        assertThat(labels()).containsEntry("org.opencontainers.image.base.name", base)
                .containsKeys("org.opencontainers.image.title", "org.opencontainers.image.version");
    }

    @Test
    void itRunsAsTheDockerfilesUnprivilegedUserWithANameInPasswd() throws Exception {
        String userName = dockerfile.argumentsOf("USER");
        String uid = dockerfile.userCreationOption("useradd", "--uid");
        String gid = dockerfile.userCreationOption("groupadd", "--gid");

        assertThat(text("configuration/container/user")).isEqualTo(uid + ":" + gid);
        assertThat(Integer.parseInt(uid)).as("not root").isPositive();
        assertThat(Integer.parseInt(gid)).as("not root's group").isPositive();
        // initdb, for the embedded PostgreSQL, refuses a user it cannot look up by uid
        assertThat(Files.readAllLines(EXTRA_DIRECTORY.resolve("etc/passwd")))
                .anySatisfy(line -> assertThat(line).startsWith(userName + ":x:" + uid + ":" + gid + ":"))
                .anySatisfy(line -> assertThat(line).startsWith("root:x:0:0:"));
        assertThat(Files.readAllLines(EXTRA_DIRECTORY.resolve("etc/group")))
                .anySatisfy(line -> assertThat(line).isEqualTo(userName + ":x:" + gid + ":"));
    }

    @Test
    void theDataDirectoryIsTheDockerfilesAndTheServiceCanWriteIt() throws Exception {
        Map<String, String> environment = children("configuration/container/environment");
        String dataDirectory = environment.get("LEDGER_DATA_DIR");
        String volume = text("configuration/container/volumes/volume");

        assertThat(dataDirectory).isEqualTo(dockerfile.environment().get("LEDGER_DATA_DIR"));
        assertThat(volume).isEqualTo(dockerfile.argumentsOf("VOLUME"));
        assertThat(Path.of(dataDirectory).startsWith(volume)).as("%s is on the volume %s", dataDirectory, volume)
                .isTrue();
        assertThat(EXTRA_DIRECTORY.resolve(volume.substring(1))).as("the image has the directory").isDirectory();
        // Jib gives its files to root and cannot give them to the service's user: writable by all it must be
        assertThat(permissions()).containsEntry(volume, "777");
    }

    @Test
    void environmentPortsAndEntrypointAreTheDockerfiles() throws Exception {
        assertThat(children("configuration/container/environment")).isEqualTo(dockerfile.environment());
        assertThat(texts("configuration/container/ports/port"))
                .isEqualTo(Arrays.asList(dockerfile.argumentsOf("EXPOSE").split(" ")));
        assertThat(text("configuration/container/workingDirectory")).isEqualTo(dockerfile.argumentsOf("WORKDIR"));

        List<String> entrypoint = Arrays.asList(text("configuration/container/entrypoint").split(","));
        assertThat(entrypoint).isEqualTo(dockerfile.execForm("ENTRYPOINT"));
        assertThat(entrypoint).startsWith("java", "-jar");
    }

    @Test
    void theJarInTheImageIsTheSpringBootJarAndJibsExplodedCopyIsLeftOut() throws Exception {
        Path jar = Path.of(text("configuration/container/entrypoint").split(",")[2]);
        Element springBoot = (Element) node("/project/build/plugins/plugin[artifactId='spring-boot-maven-plugin']");
        String finalName = xpathText(springBoot, "configuration/finalName");

        assertThat(jar.getFileName()).hasToString(finalName + ".jar");
        Element jarPath = (Element) xpath(jib, "configuration/extraDirectories/paths/path[from='${project.build.directory}']",
                XPathConstants.NODE);
        assertThat(jarPath).as("an extra directory copies the jar from target/").isNotNull();
        assertThat(xpathText(jarPath, "includes")).isEqualTo(finalName + ".jar");
        assertThat(xpathText(jarPath, "into")).hasToString(jar.getParent().toString());
        assertThat(texts("configuration/pluginExtensions/pluginExtension/configuration/filters/filter/glob"))
                .contains("/app/libs/**", "/app/classes/**", "/app/resources/**");
    }

    @Test
    void theImagesHealthCheckAsksWhatComposeAndTheDockerfileAsk() throws Exception {
        String script = Files.readString(EXTRA_DIRECTORY.resolve("app/healthcheck"));
        String managementPort = ComposeFile.read(ROOT.resolve("docker-compose.yml"))
                .environment("stock-ledger").get("MANAGEMENT_SERVER_PORT");

        assertThat(permissions()).containsEntry("/app/healthcheck", "755");
        assertThat(script).startsWith("#!/bin/bash\n")
                .contains("/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-" + managementPort + "}")
                .contains("GET /actuator/health/readiness")
                .contains("grep -q '^HTTP/1.[01] 200'");
        assertThat(dockerfile.argumentsOf("HEALTHCHECK")).contains("GET /actuator/health/readiness");
        assertThat(texts("configuration/container/ports/port")).contains(managementPort);
    }

    private static Map<String, String> labels() throws XPathExpressionException {
        return children("configuration/container/labels");
    }

    private static Map<String, String> permissions() throws XPathExpressionException {
        Map<String, String> modes = new LinkedHashMap<>();
        for (Node permission : nodes("configuration/extraDirectories/permissions/permission")) {
            modes.put(xpathText(permission, "file"), xpathText(permission, "mode"));
        }
        return modes;
    }

    private static Map<String, String> children(String path) throws XPathExpressionException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Node child : nodes(path + "/*")) {
            values.put(child.getNodeName(), child.getTextContent().strip());
        }
        return values;
    }

    private static String text(String path) throws XPathExpressionException {
        return xpathText(jib, path);
    }

    private static List<String> texts(String path) throws XPathExpressionException {
        return nodes(path).stream().map(node -> node.getTextContent().strip()).toList();
    }

    private static List<Node> nodes(String path) throws XPathExpressionException {
        NodeList list = (NodeList) xpath(jib, path, XPathConstants.NODESET);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            nodes.add(list.item(i));
        }
        return nodes;
    }

    private static Node node(String path) throws XPathExpressionException {
        return (Node) xpath(jib.getOwnerDocument(), path, XPathConstants.NODE);
    }

    private static String xpathText(Node context, String path) throws XPathExpressionException {
        return ((String) xpath(context, path, XPathConstants.STRING)).strip();
    }

    private static Object xpath(Node context, String path, javax.xml.namespace.QName type)
            throws XPathExpressionException {
        return XPathFactory.newInstance().newXPath().evaluate(path, context, type);
    }
}
