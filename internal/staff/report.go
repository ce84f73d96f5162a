package staff

import (
	"collegebot/internal/college"
	"collegebot/internal/report"
)

func reportCommands() map[string]command {
	return map[string]command{
		"report": {role: college.StaffRole, usage: "report [TERM]",
			about: "the figures for a term (this term unless named): a chart on Telegram, a summary by SMS",
			run:   (*request).report, reads: true},
	}
}

// report answers with a term's figures (the current term, else the last
// three months): on Telegram the chart with a short caption, elsewhere a
// few key figures. Small numbers are hidden in both.
func (r *request) report() error {
	terms, err := r.tx.ReportTerms()
	if err != nil {
		return err
	}
	p := report.Default(terms, r.now, r.loc)
	if r.args != "" {
		if p, err = report.Term(terms, r.args, r.loc); err != nil {
			return problemf("Sorry, %v.", err)
		}
	}
	rep, err := report.Build(r.tx, p, r.profile, r.loc)
	if err != nil {
		return err
	}
	if r.in.Channel != college.Telegram {
		r.say("%s", report.Brief(rep))
		return nil
	}
	r.photo(report.Caption(rep), func() ([]byte, error) { return report.Chart(rep) })
	return nil
}
