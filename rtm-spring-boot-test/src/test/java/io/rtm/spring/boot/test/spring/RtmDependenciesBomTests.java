package io.rtm.spring.boot.test.spring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** The bill of materials manages every library the build makes, at the build's version. */
class RtmDependenciesBomTests {

    /** Modules that are applications, not libraries an application depends on. */
    private static final List<String> APPLICATIONS = List.of("rtm-sample-app", "rtm-benchmarks");

    @Test
    void theBomManagesEveryLibraryModuleAtTheProjectVersion() throws Exception {
        Document parent = read(Path.of("..", "pom.xml"));
        Document bom = read(Path.of("..", "rtm-spring-boot-dependencies", "pom.xml"));
        List<String> libraries = new ArrayList<>(texts(parent.getElementsByTagName("module")));
        libraries.removeAll(APPLICATIONS);
        libraries.remove("rtm-spring-boot-dependencies");

        Element management = (Element) bom.getElementsByTagName("dependencyManagement").item(0);
        assertThat(texts(management.getElementsByTagName("artifactId")))
            .containsExactlyInAnyOrderElementsOf(libraries);
        assertThat(texts(management.getElementsByTagName("groupId"))).containsOnly("io.rtm");
        assertThat(texts(management.getElementsByTagName("version"))).containsOnly("${project.version}");
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        assertThat(bom.getElementsByTagName("parent").getLength()).as("a parent of the BOM").isZero();
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (name.equals(children.item(i).getNodeName())) {
                return children.item(i).getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + element.getNodeName() + ">");
    }
}
