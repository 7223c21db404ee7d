// Package progress reports the advance of long jobs on stderr, the one
// way the commands (train, examples/score) share: a live bar when the
// output is a terminal, a plain line at most every two seconds (and one
// when a job ends) when it is a file or a pipe, and nothing when quiet.
//
// A nil *Progress and a nil *Bar are valid and quiet, so that code which
// runs both reported and unreported (a cross-validation fold) needs no
// branches.
package progress

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Interval is the least time between two plain progress lines: often
// enough to see a job move, rare enough not to flood a log file.
const Interval = 2 * time.Second

// refreshRate is how often live bars are redrawn (mpb's default).
const refreshRate = 150 * time.Millisecond

// Progress reports jobs on one writer. Its methods are safe for
// concurrent use.
type Progress struct {
	w        io.Writer
	quiet    bool
	now      func() time.Time
	interval time.Duration

	mu     sync.Mutex // guards the fields below and serialises plain output
	last   time.Time  // when the last plain progress line was written
	bars   []*Bar     // bars not yet done, aborted by Close
	closed bool

	// Terminal mode: live bars drawn by mpb. mpb draws on its own
	// schedule, so every other write goes through it too, above the bars.
	live    *mpb.Progress
	refresh chan any      // our redraw requests, so that Close can ask for a last one
	stop    chan struct{} // ends the redraw ticker
	stopped chan struct{}
}

// New returns a Progress on w (normally os.Stderr), live when w is a
// terminal. With quiet, progress (bars and Printf) is not written; what
// goes through Writer still is, since it is not progress but warnings.
// Call Close when done.
func New(w io.Writer, quiet bool) *Progress {
	return newProgress(w, quiet, !quiet && IsTerminal(w), time.Now)
}

func newProgress(w io.Writer, quiet, terminal bool, now func() time.Time) *Progress {
	p := &Progress{w: w, quiet: quiet, now: now, interval: Interval, last: now()}
	if terminal {
		p.refresh = make(chan any)
		p.stop = make(chan struct{})
		p.stopped = make(chan struct{})
		// Manual refresh, driven by our own ticker, because mpb's automatic
		// one does not redraw at shutdown when no bar changed: lines
		// written last would be lost.
		p.live = mpb.New(mpb.WithOutput(w), mpb.WithManualRefresh(p.refresh), mpb.ForceTTY())
		go p.tick()
	}
	return p
}

// IsTerminal reports whether w is a terminal, as mpb's console writer
// decides it (so that mpb and this package agree, and no other terminal
// package is needed).
func IsTerminal(w io.Writer) bool {
	return cupwriter.New(w, false).IsTerminal()
}

func (p *Progress) tick() {
	defer close(p.stopped)
	t := time.NewTicker(refreshRate)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			p.refresh <- now
		}
	}
}

// Printf writes one progress message, such as the phase a job is in. A
// newline is added when missing. Nothing is written when quiet.
func (p *Progress) Printf(format string, args ...any) {
	if p == nil || p.quiet {
		return
	}
	s := fmt.Sprintf(format, args...)
	if len(s) == 0 || s[len(s)-1] != '\n' {
		s += "\n"
	}
	p.Writer().Write([]byte(s))
}

// Writer returns a writer for messages that are not progress (a skipped
// line, a warning): written even when quiet, above live bars on a
// terminal, and serialised with progress lines otherwise. A nil Progress
// discards them.
func (p *Progress) Writer() io.Writer {
	if p == nil {
		return io.Discard
	}
	return messageWriter{p}
}

type messageWriter struct{ p *Progress }

func (m messageWriter) Write(b []byte) (int, error) {
	p := m.p
	p.mu.Lock()
	live := p.live != nil && !p.closed
	if !live {
		defer p.mu.Unlock()
		return p.w.Write(b)
	}
	p.mu.Unlock()
	// Not under p.mu: mpb's writer waits for its drawing, which reads the
	// bars' notes.
	n, err := p.live.Write(b)
	if err != nil {
		// Closed meanwhile: the bars are gone, so write directly.
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.w.Write(b)
	}
	return n, nil
}

// Bar starts a job of total steps (0 or less: unknown, counted only).
func (p *Progress) Bar(name string, total int) *Bar {
	if p == nil || p.quiet {
		return nil
	}
	b := &Bar{p: p, name: name, total: total, start: p.now()}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.bars = append(p.bars, b)
	if p.live != nil {
		b.live = p.newLiveBar(b)
	}
	return b
}

func (p *Progress) newLiveBar(b *Bar) *mpb.Bar {
	// Every bar has the same five columns, each as wide as its widest
	// (DSyncWidth), so that the bars of a run line up whatever their kind.
	sync := decor.WC{C: decor.DSyncWidth | decor.DextraSpace}
	name := decor.Name(b.name, decor.WC{C: decor.DSyncWidth | decor.DindentRight | decor.DextraSpace})
	elapsed := decor.Elapsed(decor.ET_STYLE_GO, sync)
	note := decor.Any(func(decor.Statistics) string {
		if n := b.noteText(); n != "" {
			return " " + n
		}
		return ""
	}, decor.WC{C: decor.DSyncWidthR})
	if b.total <= 0 {
		rate := decor.Any(func(s decor.Statistics) string {
			if d := time.Since(b.start).Seconds(); d > 0 {
				return fmt.Sprintf("%.0f/s", float64(s.Current)/d)
			}
			return ""
		}, sync)
		return p.live.New(0, mpb.SpinnerStyle().PositionLeft(),
			mpb.PrependDecorators(name, decor.CurrentNoUnit("%d", sync)),
			mpb.AppendDecorators(rate, elapsed, note))
	}
	return p.live.New(int64(b.total), mpb.BarStyle(),
		mpb.PrependDecorators(name, decor.CountersNoUnit("%d/%d", sync)),
		mpb.AppendDecorators(decor.Percentage(sync), elapsed, note))
}

// Close ends the report: a bar not done (its job failed) is left as it
// stood, and live bars are drawn a last time. Close may be called more
// than once.
func (p *Progress) Close() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	bars := p.bars
	p.bars = nil
	p.mu.Unlock()
	if p.live == nil {
		return
	}
	for _, b := range bars {
		b.live.Abort(false)
	}
	close(p.stop)
	<-p.stopped
	// The redraw listener is alive until Wait cancels it, and it hands
	// this request on before it can see the cancellation: the last lines
	// are drawn.
	p.refresh <- time.Now()
	p.live.Wait()
}

// maybeLine writes b's plain progress line when Interval has passed since
// the last one.
func (p *Progress) maybeLine(b *Bar) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.closed || now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "%s (%s)\n", b.status(now), elapsed(now.Sub(b.start)))
}

// Bar is one job of a Progress: a count of steps towards a total, and a
// note (a loss, a score) shown beside it.
type Bar struct {
	p     *Progress
	name  string
	total int
	start time.Time
	live  *mpb.Bar // terminal mode

	mu   sync.Mutex // guards n and note, read by mpb while drawing
	n    int
	note string
	done bool
}

// Add advances the bar by n steps.
func (b *Bar) Add(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.n += n
	b.mu.Unlock()
	b.update()
}

// Set sets the count of steps done, with a note (may be empty) to show
// beside it.
func (b *Bar) Set(n int, note string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.n, b.note = n, note
	b.mu.Unlock()
	b.update()
}

func (b *Bar) update() {
	if b.live != nil {
		b.mu.Lock()
		n := b.n
		b.mu.Unlock()
		b.live.SetCurrent(int64(n))
		return
	}
	b.p.maybeLine(b)
}

// Done ends the job where it stands (an optimiser may stop before its
// last allowed step): a live bar is completed, a plain report writes a
// final line.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	if b.done {
		b.mu.Unlock()
		return
	}
	b.done = true
	b.mu.Unlock()
	p := b.p
	p.mu.Lock()
	for i, x := range p.bars {
		if x == b {
			p.bars = append(p.bars[:i], p.bars[i+1:]...)
			break
		}
	}
	if b.live != nil || p.closed {
		p.mu.Unlock()
		if b.live != nil {
			b.live.SetTotal(-1, true)
		}
		return
	}
	defer p.mu.Unlock()
	now := p.now()
	fmt.Fprintf(p.w, "%s, done in %s\n", b.status(now), elapsed(now.Sub(b.start)))
}

func (b *Bar) noteText() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.note
}

// status is the plain line's body: "name: n/total note", or for an
// unknown total "name: n (rate/s) note".
func (b *Bar) status(now time.Time) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := fmt.Sprintf("%s: %d", b.name, b.n)
	if b.total > 0 {
		s += fmt.Sprintf("/%d", b.total)
	} else if d := now.Sub(b.start).Seconds(); d > 0 {
		s += fmt.Sprintf(" (%.0f/s)", float64(b.n)/d)
	}
	if b.note != "" {
		s += " " + b.note
	}
	return s
}

// elapsed writes d for reading: tenths of a second under a minute,
// whole seconds above.
func elapsed(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
