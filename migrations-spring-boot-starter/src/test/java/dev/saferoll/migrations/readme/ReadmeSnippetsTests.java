package dev.saferoll.migrations.readme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the README compiles, imports included, against this module's test classpath (Saferoll, Spring
 * Boot, Spring Security, JUnit and the round-trip checker). Each snippet is one compilation unit, compiled on its own.
 */
class ReadmeSnippetsTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private static final Pattern TYPE = Pattern.compile("^(?:public |final |abstract )*(?:class|interface|record|enum) "
            + "(\\w+)", Pattern.MULTILINE);

    @TempDir
    Path directory;

    @TestFactory
    List<DynamicTest> everyJavaSnippetCompiles() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("saferoll.readme", "../README.md")));
        List<DynamicTest> tests = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            String source = block.group(1);
            int line = readme.substring(0, block.start()).split("\n", -1).length;
            Matcher type = TYPE.matcher(source);
            String name = type.find() ? type.group(1) : "(no type)";
            tests.add(DynamicTest.dynamicTest("README.md line " + line + ": " + name, () -> compile(source, line)));
        }
        assertThat(tests).as("Java snippets in the README").hasSizeGreaterThanOrEqualTo(7);
        return tests;
    }

    private void compile(String source, int line) throws IOException {
        Matcher packageName = PACKAGE.matcher(source);
        assertThat(packageName.find()).as("the snippet at line %d declares its package", line).isTrue();
        Matcher type = TYPE.matcher(source);
        assertThat(type.find()).as("the snippet at line %d is a whole class, not a fragment", line).isTrue();
        Path snippet = this.directory.resolve("line" + line);
        Path file = snippet.resolve("src/" + packageName.group(1).replace('.', '/') + "/" + type.group(1) + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(snippet.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int result = compiler.run(null, diagnostics, diagnostics, "-classpath", classpath, "-d", classes.toString(),
                "-proc:none", "-Xlint:all", "-Xlint:-processing", "-Werror", "--release", "17", file.toString());
        assertThat(result).as("README.md line %d:%n%s", line, diagnostics).isZero();
    }
}
