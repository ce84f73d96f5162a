package college_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// layout says which of the module's packages each package may import
// (STYLE.md): the domain imports nothing, adapters import the domain and
// never each other, and only cmd/ knows every package. A package missing
// here fails the test, so a new one is placed on purpose.
var layout = map[string][]string{
	"internal/college":      {},
	"internal/sms":          {},
	"internal/phone":        {},
	"internal/corpustest":   {},
	"messages":              {"internal/sms"}, // which catalogs keep to GSM-7
	"internal/sqlite":       {"internal/college"},
	"internal/prospectus":   {"internal/college"},
	"internal/demo":         {"internal/college"},
	"internal/twilio":       {"internal/college"},
	"internal/telegram":     {"internal/college", "internal/phone"},
	"internal/outbox":       {"internal/college"},
	"internal/jobs":         {"internal/college"},
	"internal/conversation": {"internal/college", "internal/sms", "internal/safeguard", "messages"},
	"internal/staff":        {"internal/college", "internal/sms", "internal/phone", "internal/report", "messages"},
	"internal/report":       {"internal/college"},
	"internal/safeguard":    {},
	"internal/metrics":      {"internal/college"}, // the only importer of the Prometheus client
	"internal/providerstub": {"internal/twilio"},  // plays the providers, signing as Twilio signs
}

func TestImportDirection(t *testing.T) {
	root, _ := filepath.Abs("../..")
	for pkg, imports := range moduleImports(t, root) {
		if strings.HasPrefix(pkg, "cmd/") {
			continue
		}
		allowed, ok := layout[pkg]
		if !ok {
			t.Errorf("package %s is not in the layout table", pkg)
			continue
		}
		for _, imp := range imports {
			if !slices.Contains(allowed, imp) {
				t.Errorf("%s imports %s, which the layout does not allow", pkg, imp)
			}
		}
	}
}

// moduleImports maps each package directory to the module packages its
// non-test files import.
func moduleImports(t *testing.T, root string) map[string][]string {
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if q, ok := strings.CutPrefix(p, "collegebot/"); ok && !slices.Contains(out[rel], q) {
				out[rel] = append(out[rel], q)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
