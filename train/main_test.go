package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inOutput string // in stdout or stderr
	}{
		{[]string{"-h"}, 0, "commands:"},
		{[]string{"help"}, 0, "commands:"},
		{[]string{"fit", "-h"}, 0, "-out"},
		{[]string{"eval", "-h"}, 0, "-model"},
		{[]string{"cv", "-h"}, 0, "-k"},
		{[]string{"fit", "-help"}, 0, "-roles"},
		{[]string{}, 2, "commands:"},
		{[]string{"nosuch"}, 2, "commands:"},
		{[]string{"fit", "-nosuchflag"}, 2, "flag provided but not defined"},
		{[]string{"eval", "-nosuchflag"}, 2, "flag provided but not defined"},
		{[]string{"cv", "-nosuchflag"}, 2, "flag provided but not defined"},
		{[]string{"fit"}, 2, "-in"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := exitCode(run(tt.args, &stdout, &stderr))
		if code != tt.code {
			t.Errorf("train %q: exit status %d, want %d", tt.args, code, tt.code)
		}
		if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.inOutput) {
			t.Errorf("train %q printed %q, want %q in it", tt.args, out, tt.inOutput)
		}
	}
}
