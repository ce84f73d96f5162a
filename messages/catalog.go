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

	"collegebot/internal/sms"
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
	// forms holds the messages written per plural form (TOML tables of
	// zero, one, two, few, many and other): language → key → form → template.
	forms map[string]map[string]map[string]string
	// gsm7 holds, by language, whether every text keeps to GSM-7.
	gsm7 map[string]bool
}

// Load reads every embedded catalog.
func Load() (*Catalog, error) {
	c := &Catalog{
		bundle: i18n.NewBundle(language.English),
		texts:  map[string]map[string]string{},
		locs:   map[string]*i18n.Localizer{},
		forms:  map[string]map[string]map[string]string{},
		gsm7:   map[string]bool{},
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
	c.forms[lang] = map[string]map[string]string{}
	c.gsm7[lang] = true
	for _, m := range mf.Messages {
		c.texts[lang][m.ID] = m.Other
		fs := pluralForms(m)
		if len(fs) > 1 {
			c.forms[lang][m.ID] = fs
		}
		for _, s := range fs {
			c.gsm7[lang] = c.gsm7[lang] && sms.IsGSM7(s)
		}
	}
	c.locs[lang] = i18n.NewLocalizer(c.bundle, lang)
	return nil
}

// Text returns the message for key in lang, filled with args. A message
// written per plural form takes the form for args["Count"] by the
// language's CLDR plural rules. A language without the key falls back to
// the default; a key missing everywhere comes back as "{key}" so it shows
// in tests rather than vanishing.
func (c *Catalog) Text(lang, key string, args Args) string {
	if _, ok := c.texts[lang][key]; !ok {
		lang = Default
	}
	cfg := &i18n.LocalizeConfig{MessageID: key, TemplateData: args}
	if n, ok := args["Count"]; ok && c.forms[lang][key] != nil {
		cfg.PluralCount = n
	}
	s, err := c.locs[lang].Localize(cfg)
	if err != nil || s == "" {
		return "{" + key + "}"
	}
	return s
}

// pluralForms returns the forms a message is written in, by CLDR name.
func pluralForms(m *i18n.Message) map[string]string {
	out := map[string]string{}
	for form, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two,
		"few": m.Few, "many": m.Many, "other": m.Other} {
		if s != "" {
			out[form] = s
		}
	}
	return out
}

// Forms returns the templates of a message written per plural form, by
// CLDR form name (zero, one, two, few, many, other), or nil for a message
// written once.
func (c *Catalog) Forms(lang, key string) map[string]string {
	return c.forms[lang][key]
}

// Name returns a language's name in that language, as a student looking
// for it would recognise it ("Cymraeg", "Polski", "اردو"): its catalog's
// language.own.
func (c *Catalog) Name(lang string) string {
	if n := c.texts[lang]["language.own"]; n != "" {
		return n
	}
	return lang
}

// EnglishName returns a language's name in English ("Welsh"): its
// catalog's language.english.
func (c *Catalog) EnglishName(lang string) string {
	if n := c.texts[lang]["language.english"]; n != "" {
		return n
	}
	return lang
}

// Has reports whether a language has a catalog.
func (c *Catalog) Has(lang string) bool {
	_, ok := c.texts[lang]
	return ok
}

// GSM7 reports whether every text of a language, in every plural form,
// keeps to the GSM-7 alphabet, as English's do; false for a language
// with no catalog.
func (c *Catalog) GSM7(lang string) bool { return c.gsm7[lang] }

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
