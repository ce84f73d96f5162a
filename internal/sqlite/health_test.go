package sqlite_test

import (
	"context"
	"testing"
)

func TestWritable(t *testing.T) {
	db := MustOpenDB(t)
	if err := db.Writable(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := db.Writable(context.Background()); err != nil {
		t.Fatalf("second beat: %v", err)
	}
	db.Close()
	if err := db.Writable(context.Background()); err == nil {
		t.Error("a closed database reported writable")
	}
}
