package main

import (
	"bytes"
	"testing"

	"collegebot/internal/college"
)

func TestPrintImportWarnsAfterTheSummary(t *testing.T) {
	var out bytes.Buffer
	printImport(env{stdout: &out}, "p.csv", college.ImportResult{CoursesUpdated: 1, Warnings: []string{
		"course MH1: capacity 4 is below the 6 places already booked; nobody loses a place, but no one new can book until fewer than 4 are booked",
	}})
	want := "p.csv: courses 0 added, 1 updated; sessions 0 added, 0 updated, 0 cancelled.\n" +
		"Warning: course MH1: capacity 4 is below the 6 places already booked; nobody loses a place, but no one new can book until fewer than 4 are booked.\n"
	if out.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
	}
}
