package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// clock is a fake time source the test moves by hand, so that rate
// limiting is tested without sleeping.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestPlainLines(t *testing.T) {
	type step struct {
		after time.Duration // since the previous step
		n     int
		note  string
	}
	tests := []struct {
		name  string
		total int
		steps []step
		want  []string
	}{
		{
			name:  "quick job: only the final line",
			total: 3,
			steps: []step{{100 * time.Millisecond, 1, ""}, {100 * time.Millisecond, 2, ""}, {100 * time.Millisecond, 3, ""}},
			want:  []string{"eval: 3/3, done in 0.3s"},
		},
		{
			name:  "at most one line every two seconds",
			total: 10,
			steps: []step{
				{time.Second, 1, ""},
				{1500 * time.Millisecond, 2, ""}, // 2.5s: a line
				{time.Second, 3, ""},             // 3.5s: too soon
				{time.Second, 4, ""},             // 4.5s: a line
				{500 * time.Millisecond, 5, ""},  // 5s: too soon
			},
			want: []string{"eval: 2/10 (2.5s)", "eval: 4/10 (4.5s)", "eval: 5/10, done in 5.0s"},
		},
		{
			name:  "note beside the count",
			total: 300,
			steps: []step{{3 * time.Second, 40, "loss 0.61234"}, {time.Second, 41, "loss 0.61"}},
			want:  []string{"eval: 40/300 loss 0.61234 (3.0s)", "eval: 41/300 loss 0.61, done in 4.0s"},
		},
		{
			name:  "whole seconds past a minute",
			total: 2,
			steps: []step{{65 * time.Second, 1, ""}, {300 * time.Millisecond, 2, ""}},
			want:  []string{"eval: 1/2 (1m5s)", "eval: 2/2, done in 1m5s"},
		},
		{
			name:  "unknown total: a rate",
			total: 0,
			steps: []step{{2 * time.Second, 100, ""}, {2 * time.Second, 300, ""}},
			want:  []string{"eval: 100 (50/s) (2.0s)", "eval: 300 (75/s) (4.0s)", "eval: 300 (75/s), done in 4.0s"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			p := newProgress(&buf, false, false, c.now)
			b := p.Bar("eval", tt.total)
			for _, s := range tt.steps {
				c.t = c.t.Add(s.after)
				b.Set(s.n, s.note)
			}
			b.Done()
			b.Done() // a second Done writes nothing
			p.Close()
			got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("wrote\n%s\nwant\n%s", buf.String(), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestQuiet: a quiet Progress, or a nil one, writes no progress; a quiet
// one still writes messages through Writer.
func TestQuiet(t *testing.T) {
	tests := []struct {
		name string
		make func(*bytes.Buffer) *Progress
		want string
	}{
		{"quiet", func(b *bytes.Buffer) *Progress { return New(b, true) }, "warning\n"},
		{"nil", func(*bytes.Buffer) *Progress { return nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := tt.make(&buf)
			p.Printf("reading data...")
			b := p.Bar("fit", 10)
			b.Add(3)
			b.Set(10, "loss 1")
			b.Done()
			p.Writer().Write([]byte("warning\n"))
			p.Close()
			if buf.String() != tt.want {
				t.Errorf("wrote %q, want %q", buf.String(), tt.want)
			}
		})
	}
}

// TestPrintfPlain: messages are written at once, one a line.
func TestPrintfPlain(t *testing.T) {
	var buf bytes.Buffer
	p := New(&buf, false) // a buffer is not a terminal
	p.Printf("reading data...")
	p.Printf("polarity: %d examples\n", 12)
	if want := "reading data...\npolarity: 12 examples\n"; buf.String() != want {
		t.Errorf("wrote %q, want %q", buf.String(), want)
	}
	p.Close()
}

// TestLive draws bars as on a terminal (mpb forced to treat the buffer as
// one): messages, finished and unfinished bars all come out, and Close
// returns.
func TestLive(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false, true, time.Now)
	p.Printf("reading data...")
	done := p.Bar("polarity fit", 5)
	for i := 1; i <= 3; i++ {
		done.Set(i, "loss 0.5")
	}
	done.Done() // stopped early, as L-BFGS does when it converges
	count := p.Bar("scored", 0)
	count.Add(7)
	count.Done()
	p.Bar("failed", 4).Add(1) // never done: Close aborts it
	p.Writer().Write([]byte("a warning\n"))
	finished := make(chan struct{})
	go func() { p.Close(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	out := buf.String()
	for _, want := range []string{"reading data...", "polarity fit", "3/3", "loss 0.5", "scored", "failed", "a warning"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%q", want, out)
		}
	}
	// Writes after Close go straight to the writer.
	p.Writer().Write([]byte("after\n"))
	if !strings.HasSuffix(buf.String(), "after\n") {
		t.Errorf("a write after Close is lost: %q", buf.String())
	}
}

func TestIsTerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is taken for a terminal")
	}
}
