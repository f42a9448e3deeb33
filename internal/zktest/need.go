package zktest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mesoslab/mesoslab/internal/testenv"
)

// Classpath finds an installed ZooKeeper: Debian's zookeeper package (whose
// jar's manifest names its dependencies) or a release tarball's lib
// directory. MESOSLAB_ZOOKEEPER_CLASSPATH overrides both.
func Classpath() string {
	if cp := os.Getenv("MESOSLAB_ZOOKEEPER_CLASSPATH"); cp != "" {
		return cp
	}
	for _, pattern := range []string{"/usr/share/java/zookeeper.jar", "/usr/share/zookeeper/lib/zookeeper-*.jar", "/opt/zookeeper/lib/zookeeper-*.jar"} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			if filepath.Base(pattern) == "zookeeper.jar" {
				return m[0]
			}
			return filepath.Join(filepath.Dir(m[0]), "*")
		}
	}
	return ""
}

// Need skips t (fails it under MESOSLAB_E2E=1) without java or the
// ZooKeeper jars, and returns both.
func Need(t testing.TB) (java, classpath string) {
	t.Helper()
	java = testenv.NeedCommand(t, "java")
	classpath = Classpath()
	testenv.Need(t, classpath != "", "ZooKeeper jars not found (apt-get install zookeeper, or set MESOSLAB_ZOOKEEPER_CLASSPATH)")
	return java, classpath
}
