// Package prospectus reads and writes the prospectus CSV that college staff
// keep in a spreadsheet: one row per session, with the columns of its course
// repeated on each of the course's rows (DESIGN.md §5).
//
// Parse checks the whole file and reports every bad row by its line number,
// so that staff can fix them all at once; it returns a prospectus only when
// every row is good, so a bad file changes nothing.
package prospectus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"collegebot/internal/college"
)

// LineError is one problem on one line of a prospectus file. Line is the
// physical line of the file, the header being line 1; a row whose quoted
// fields span several lines is reported at the line it starts on.
type LineError struct {
	Line int
	Msg  string
}

// Error formats the problem as "line N: what is wrong".
func (e LineError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Error is every problem found in a prospectus file, in file order. Parse
// returns it as *Error when any row is bad.
type Error struct {
	Lines []LineError
}

// Error lists the problems one per line.
func (e *Error) Error() string {
	msgs := make([]string, len(e.Lines))
	for i, l := range e.Lines {
		msgs[i] = l.Error()
	}
	return strings.Join(msgs, "\n")
}

// Parse reads a prospectus CSV whose times are wall-clock times in loc, as
// "2026-03-03 10:00" (a T for the space, and seconds, are accepted too). The
// header names the columns of Columns in any order, plus the optional
// venue_access; course_code, title, topic, mode, capacity, session_start and
// session_end are required, and an unknown column is an error. Values are
// trimmed, course codes put in capitals and postcodes written "WF1 2DA";
// topics that differ only in case take the spelling the file first uses,
// and a summary or description gets a full stop when it ends without . ! or
// ?. Two sessions of one course may not start at the same time.
//
// Parse returns the courses in the order they first appear, each with its
// sessions in row order, and the partners the courses name (with no kind).
// When any row is bad it returns an *Error listing every problem and no
// prospectus.
func Parse(r io.Reader, loc *time.Location) (college.Prospectus, error) {
	if loc == nil {
		return college.Prospectus{}, errors.New("prospectus: no time zone given")
	}
	cr, err := newReader(r)
	if err != nil {
		return college.Prospectus{}, err
	}
	p := newParser(loc)
	if err := p.readAll(cr); err != nil {
		return college.Prospectus{}, fmt.Errorf("prospectus: reading: %w", err)
	}
	if len(p.errs) > 0 {
		return college.Prospectus{}, &Error{Lines: p.errs}
	}
	return p.prospectus(), nil
}

// Byte-order marks: UTF-8's is skipped, UTF-16's mean the wrong encoding.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// newReader returns a CSV reader over r that skips a UTF-8 byte-order mark.
func newReader(r io.Reader) (*csv.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(bomUTF8))
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		return nil, &Error{Lines: []LineError{{1, "the file is UTF-16 text; save it as CSV UTF-8"}}}
	}
	return csv.NewReader(br), nil
}

// readAll reads the header and every row, collecting the problems found.
// It fails only when the reader itself does.
func (p *parser) readAll(cr *csv.Reader) error {
	h, err := p.readHeader(cr)
	if err != nil || h == nil {
		return err
	}
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, ok, err := p.checkRecord(cr, rec, err)
		if err != nil {
			return err
		}
		if ok && !blank(rec) {
			p.row(newRow(line, h, rec))
			rows++
		}
	}
	if rows == 0 && len(p.errs) == 0 {
		p.fail(p.headerLine+1, "no rows below the header: a prospectus needs at least one session")
	}
	return nil
}

// readHeader reads the header row. It returns a nil header, having recorded
// why, when the file has no usable header.
func (p *parser) readHeader(cr *csv.Reader) (header, error) {
	rec, err := cr.Read()
	if errors.Is(err, io.EOF) {
		p.fail(1, "the file is empty: it needs a header row naming the columns")
		return nil, nil
	}
	line, ok, err := p.checkRecord(cr, rec, err)
	if err != nil || !ok {
		return nil, err
	}
	p.headerLine = line
	h, errs := parseHeader(rec)
	for _, msg := range errs {
		p.fail(line, "%s", msg)
	}
	if len(errs) > 0 {
		return nil, nil
	}
	return h, nil
}

// checkRecord turns the outcome of one csv Read into the record's line and
// whether the record can be used, recording any problem with it.
func (p *parser) checkRecord(cr *csv.Reader, rec []string, err error) (line int, ok bool, _ error) {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
		line, _ = cr.FieldPos(0)
		p.fail(line, "the row has %d fields but the header has %d", len(rec), cr.FieldsPerRecord)
		return line, false, nil
	case errors.As(err, &pe):
		p.fail(pe.StartLine, "%s", syntaxMessage(pe))
		return pe.StartLine, false, nil
	case err != nil:
		return 0, false, err
	}
	line, _ = cr.FieldPos(0)
	for _, f := range rec {
		if !utf8.ValidString(f) {
			p.fail(line, "the row is not UTF-8 text; save the file as CSV UTF-8")
			return line, false, nil
		}
	}
	return line, true, nil
}

// syntaxMessage explains a CSV syntax error in plain words.
func syntaxMessage(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return `a field that does not start with a quote has a " in it; quote the whole field and double the " inside`
	case errors.Is(pe.Err, csv.ErrQuote):
		return `a quoted field is not closed: a " is missing, or text follows the closing "`
	default:
		return pe.Err.Error()
	}
}

// blank reports whether every field of rec is empty, as in the trailing
// rows some spreadsheets export.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
