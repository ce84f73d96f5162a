// Package messages holds every sentence collegebot says to a student, one
// catalog file per language, embedded in the binary. Catalogs are TOML files
// read by go-i18n; keys are dotted ("booking.confirmed") and values are Go
// templates with named placeholders ("{{.Title}}").
package messages

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Default is the language every catalog is checked against and the one used
// when a student's language has no catalog.
const Default = "en"

// Args are the values a message's placeholders are filled with.
type Args = map[string]any

// Catalog is the loaded set of catalogs.
type Catalog struct {
	bundle *i18n.Bundle
	texts  map[string]map[string]string // language → key → template
	locs   map[string]*i18n.Localizer
}

// Load reads every embedded catalog.
func Load() (*Catalog, error) {
	c := &Catalog{
		bundle: i18n.NewBundle(language.English),
		texts:  map[string]map[string]string{},
		locs:   map[string]*i18n.Localizer{},
	}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := files.ReadDir(".")
	if err != nil {
		return nil, fmt.Errorf("messages: %w", err)
	}
	for _, f := range names {
		if err := c.load(f.Name()); err != nil {
			return nil, err
		}
	}
	if c.texts[Default] == nil {
		return nil, fmt.Errorf("messages: no %s catalog", Default)
	}
	return c, nil
}

func (c *Catalog) load(name string) error {
	buf, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("messages: %w", err)
	}
	mf, err := c.bundle.ParseMessageFileBytes(buf, name)
	if err != nil {
		return fmt.Errorf("messages: %s: %w", name, err)
	}
	lang := strings.TrimSuffix(path.Base(name), path.Ext(name))
	c.texts[lang] = map[string]string{}
	for _, m := range mf.Messages {
		c.texts[lang][m.ID] = m.Other
	}
	c.locs[lang] = i18n.NewLocalizer(c.bundle, lang)
	return nil
}

// Text returns the message for key in lang, filled with args. A language
// without the key falls back to the default; a key missing everywhere comes
// back as "{key}" so it shows in tests rather than vanishing.
func (c *Catalog) Text(lang, key string, args Args) string {
	loc, ok := c.locs[lang]
	if !ok {
		loc = c.locs[Default]
	}
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: args})
	if err != nil || s == "" {
		return "{" + key + "}"
	}
	return s
}

// Langs returns the languages with a catalog, sorted.
func (c *Catalog) Langs() []string {
	var out []string
	for l := range c.texts {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Keys returns the keys of one language's catalog, sorted.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.texts[lang] {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Template returns the unfilled text of a key in a language.
func (c *Catalog) Template(lang, key string) (string, bool) {
	s, ok := c.texts[lang][key]
	return s, ok
}
