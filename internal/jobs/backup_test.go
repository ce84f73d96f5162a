package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"collegebot/internal/jobs"
	"collegebot/internal/sqlite"
)

// backupRig is a real database, a backup directory holding eight earlier
// backups and files that are not the job's, and the job keeping three.
type backupRig struct {
	db  *sqlite.DB
	dir string
	job jobs.Backup
}

func newBackupRig(t *testing.T) backupRig {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "collegebot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	loc, _ := time.LoadLocation("Europe/London")
	dir := filepath.Join(t.TempDir(), "backups")
	os.MkdirAll(filepath.Join(dir, "collegebot-20250101-0230.db"), 0o700) // a directory, not a backup
	for _, name := range []string{"notes.txt", "collegebot.db", "collegebot-20260201-0230.db.bak",
		"mine-20260201-0230.db", "collegebot-20260223-0230.db", "collegebot-20260224-0230.db",
		"collegebot-20260225-0230.db", "collegebot-20260226-0230.db", "collegebot-20260227-0230.db",
		"collegebot-20260228-0230.db", "collegebot-20260301-0230.db", "collegebot-20260301-1200.db"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return backupRig{db: db, dir: dir, job: jobs.Backup{Store: db, Dir: dir, Keep: 3, Loc: loc}}
}

// others are the files in the rig's directory that are not the job's.
var others = []string{"collegebot-20250101-0230.db", "collegebot-20260201-0230.db.bak", "collegebot.db",
	"mine-20260201-0230.db", "notes.txt"}

func (r backupRig) files(t *testing.T) []string {
	t.Helper()
	ents, err := os.ReadDir(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// at04h00 is 2 March 2026, 04:00 in London.
func at04h00(r backupRig) time.Time { return time.Date(2026, 3, 2, 4, 0, 0, 0, r.job.Loc) }

func TestBackupJobKeepsTheNewestAndLeavesOtherFiles(t *testing.T) {
	r := newBackupRig(t)
	counts, err := r.job.Run(context.Background(), at04h00(r), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"written": 1, "removed": 6}; !maps.Equal(counts, want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
	want := slices.Sorted(slices.Values(append([]string{"collegebot-20260301-0230.db", "collegebot-20260301-1200.db",
		"collegebot-20260302-0400.db"}, others...)))
	if got := r.files(t); !slices.Equal(got, want) {
		t.Errorf("the directory holds\n%q\nwant\n%q", got, want)
	}
	if _, err := sqlite.CheckBackup(context.Background(), filepath.Join(r.dir, "collegebot-20260302-0400.db")); err != nil {
		t.Errorf("tonight's backup: %v", err)
	}

	again, err := r.job.Run(context.Background(), at04h00(r), false, nil)
	if err != nil || again["written"] != 0 || again["removed"] != 0 {
		t.Errorf("run again in the same minute: %v, %v; want nothing written or removed", again, err)
	}
}

func TestBackupJobDryRunChangesNothing(t *testing.T) {
	r := newBackupRig(t)
	before := r.files(t)
	counts, err := r.job.Run(context.Background(), at04h00(r), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"written": 1, "removed": 6}; !maps.Equal(counts, want) {
		t.Errorf("dry run counts %v, want %v", counts, want)
	}
	if after := r.files(t); !slices.Equal(before, after) {
		t.Errorf("a dry run changed the directory: %q", after)
	}
}

func TestBackupJobCreatesItsDirectoryAndRunsAt0400(t *testing.T) {
	r := newBackupRig(t)
	r.job.Dir = filepath.Join(t.TempDir(), "new", "backups")
	runner := jobs.NewRunner(r.db, r.job.Loc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	runner.Now = func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	if err := runner.Add(r.job.Job()); err != nil {
		t.Fatal(err)
	}
	sched := runner.List()
	if len(sched) != 1 || sched[0].Name != "backup" || sched[0].Next.Format("2 Jan 15:04") != "3 Mar 04:00" {
		t.Errorf("schedule %+v, want backup next at 3 Mar 04:00", sched)
	}
	if _, err := runner.RunNow(context.Background(), "backup", at04h00(r), false, nil); err != nil {
		t.Fatal(err)
	}
	got, err := jobs.ListBackups(r.job.Dir)
	if err != nil || len(got) != 1 || filepath.Base(got[0].Path) != "collegebot-20260302-0400.db" || got[0].Size == 0 {
		t.Errorf("backups in a new directory: %+v, %v", got, err)
	}
}

func TestBackupJobRefusesToKeepNone(t *testing.T) {
	r := newBackupRig(t)
	r.job.Keep = 0
	if _, err := r.job.Run(context.Background(), at04h00(r), false, nil); err == nil {
		t.Error("keeping no backups was accepted")
	}
	if got := r.files(t); len(got) != 13 {
		t.Errorf("the directory changed: %q", got)
	}
}
