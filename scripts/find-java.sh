# Sourced by ./wxacode, bench/ and .ci/run: sets JAVA_HOME to a JDK 21 or newer, or stops with a clear
# message. Looks at $JAVA_HOME, then the java on PATH, then the usual install folders (Debian and
# RPM /usr/lib/jvm, macOS, SDKMAN, /opt), preferring the newest there.

wxacode_java_major() {
    # java.specification.version is "17", "21", "25" (or "1.8" for Java 8).
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//' | cut -d. -f1
}

# The feature release of the JDK in $1 (21, 25, …) from its release file, without starting a JVM.
wxacode_release_major() {
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true
}

wxacode_find_java() {
    local candidate major best="" best_major=0
    local path_java
    path_java="$(command -v java 2>/dev/null || true)"
    if [ -n "$path_java" ]; then
        path_java="$(dirname "$(dirname "$(readlink -f "$path_java")")")"
    fi
    for candidate in "${JAVA_HOME:-}" "$path_java"; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major="$(wxacode_java_major "$candidate")"
        if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home \
                     /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
                     /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major="$(wxacode_java_major "$candidate")"
        if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME="$(wxacode_find_java)"; then
    echo "wxacode needs a JDK 21 or newer, and found none (looked at JAVA_HOME, the java on PATH," >&2
    echo "/usr/lib/jvm, /usr/java, /opt, ~/.sdkman, /Library/Java and Homebrew's). Install one, e.g." >&2
    echo "  Debian/Ubuntu: sudo apt install openjdk-21-jdk    macOS: brew install openjdk@21" >&2
    echo "or set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME

# Maven 3.9 (through Guice) calls sun.misc.Unsafe, which JDK 24 and later warn of in four lines on
# every build: a new user's first sight of the project. The option that allows it quietly exists
# from JDK 23 on (older JVMs would refuse to start with it).
if [ "$(wxacode_release_major "$JAVA_HOME")" -ge 23 ] 2>/dev/null; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
