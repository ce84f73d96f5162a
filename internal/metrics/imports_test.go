package metrics_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyMetricsImportsPrometheus: the Prometheus client stays out of the
// domain and the adapters, which report through plain function fields;
// only this package and cmd/collegebot, which wires it, import it.
func TestOnlyMetricsImportsPrometheus(t *testing.T) {
	root, _ := filepath.Abs("../..")
	allowed := map[string]bool{"internal/metrics": true, "cmd/collegebot": true}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/prometheus/") && !allowed[filepath.ToSlash(rel)] {
				t.Errorf("%s imports %s: only internal/metrics and cmd/collegebot may", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
