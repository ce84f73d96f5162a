// Package corpustest finds the providers' own test vectors in
// ../shared/corpus beside the repository root, for tests to check the code
// against. A test whose corpus file is absent is skipped with a message,
// never passed in silence.
package corpustest

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of a corpus file, or skips the test when it is
// absent.
func Path(t testing.TB, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("corpustest: no go.mod above the test's directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "corpus", name)
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("SKIP: corpus file %s is absent (it lives at ../shared/corpus relative to the repository root); the corpus checks did not run", p)
	}
	return p
}

// Load decodes a JSON corpus file into v, or skips the test when it is
// absent.
func Load(t testing.TB, name string, v any) {
	t.Helper()
	buf, err := os.ReadFile(Path(t, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf, v); err != nil {
		t.Fatalf("corpustest: %s: %v", name, err)
	}
}
