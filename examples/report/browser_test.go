package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/actorframe/actorframe/stance"
)

var screenshotOut = flag.String("screenshot", "", "copy the screenshot of the seeds' report to this PNG file")

// chromium finds a Chromium to run headless, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: install it (Debian: apt-get install chromium) to check the report in a browser")
	return ""
}

// browse runs headless Chromium on a local file with the given extra
// flags and returns its stdout and stderr. The flags keep it off the
// network and out of the user's profile.
func browse(t *testing.T, bin, page string, extra ...string) (stdout, stderr string) {
	t.Helper()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--hide-scrollbars", "--mute-audio",
		"--user-data-dir=" + t.TempDir(),
		"--enable-logging=stderr", "--v=0",
	}
	args = append(append(args, extra...), "file://"+page)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, tail(errOut.String(), 2000))
	}
	return out.String(), errOut.String()
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

var (
	// The page writes its script errors into #js-errors and counts them.
	errCountRe = regexp.MustCompile(`id="js-errors"[^>]*data-count="(\d+)"|data-count="(\d+)"[^>]*id="js-errors"`)
	// Chromium logs console messages as CONSOLE lines on stderr.
	consoleErrRe = regexp.MustCompile(`(?m)^.*(CONSOLE|Uncaught).*(Error|Uncaught).*$`)
)

// checkInBrowser loads the page in headless Chromium and checks that its
// script ran without errors and that the heatmap has rows actors and cols
// articles; it returns the DOM after the scripts ran and takes a
// screenshot into shot.
func checkInBrowser(t *testing.T, bin, page string, rows, cols int, shot string) string {
	t.Helper()
	dom, logs := browse(t, bin, page, "--virtual-time-budget=3000", "--dump-dom")
	if !strings.Contains(dom, `data-ready="1"`) {
		t.Errorf("the page's script did not finish (no data-ready on body)")
	}
	m := errCountRe.FindStringSubmatch(dom)
	switch {
	case m == nil:
		t.Errorf("no #js-errors element in the DOM")
	case m[1]+m[2] != "0":
		t.Errorf("the page reports %s script errors: %s", m[1]+m[2], errorText(dom))
	}
	if l := consoleErrRe.FindAllString(logs, -1); len(l) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(l, "\n"))
	}
	if got := countAttr(dom, "data-heat-row"); got != rows {
		t.Errorf("heatmap has %d rows in the browser, want %d", got, rows)
	}
	if got := countAttr(dom, "data-heat-col"); got != cols {
		t.Errorf("heatmap has %d columns in the browser, want %d", got, cols)
	}
	if got := strings.Count(dom, "data-heat-cell"); got == 0 || got > rows*cols {
		t.Errorf("heatmap has %d scored cells, want 1 to %d", got, rows*cols)
	}
	browse(t, bin, page, "--window-size=1280,960", "--screenshot="+shot)
	st, err := os.Stat(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	if st.Size() < 10_000 {
		t.Errorf("screenshot is %d bytes: a blank page?", st.Size())
	}
	t.Logf("screenshot %s (%d KB)", shot, st.Size()/1024)
	return dom
}

var errTextRe = regexp.MustCompile(`(?s)id="js-errors"[^>]*>(.*?)</pre>`)

func errorText(dom string) string {
	if m := errTextRe.FindStringSubmatch(dom); m != nil {
		return m[1]
	}
	return "?"
}

// reportFor writes the report on arts into dir and returns its path and
// the heatmap's expected rows.
func reportFor(t *testing.T, dir string, arts []article, maxActors int) (string, int) {
	t.Helper()
	m, err := stance.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := scoreAll(m, arts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render(&b, buildPage(defaultTitle, m, arts, docs, maxActors)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "report.html")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, min(maxActors, len(bySalience(docs)))
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a browser takes seconds to start; run without -short to check the page in Chromium")
	}
	bin := chromium(t)

	t.Run("written articles", func(t *testing.T) {
		dir := t.TempDir()
		page, rows := reportFor(t, dir, testArticles, 30)
		dom := checkInBrowser(t, bin, page, rows, len(testArticles), filepath.Join(dir, "shot.png"))
		if strings.Contains(dom, `<script>alert`) {
			t.Error("the article's markup became a script")
		}
	})

	// The check itself must catch a broken page.
	t.Run("a script error is caught", func(t *testing.T) {
		dir := t.TempDir()
		page, _ := reportFor(t, dir, testArticles[:1], 30)
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		broken := strings.Replace(string(b), "</body>", "<script>noSuchFunction();</script></body>", 1)
		if err := os.WriteFile(page, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		dom, logs := browse(t, bin, page, "--virtual-time-budget=3000", "--dump-dom")
		if m := errCountRe.FindStringSubmatch(dom); m == nil || m[1]+m[2] == "0" || !strings.Contains(errorText(dom), "noSuchFunction") {
			t.Errorf("a script error went unseen in the DOM: %v %q", m, errorText(dom))
		}
		if !consoleErrRe.MatchString(logs) {
			t.Errorf("a script error went unseen in the console log:\n%s", tail(logs, 2000))
		}
	})

	t.Run("seeds", func(t *testing.T) {
		seeds := filepath.Join("..", "..", "..", "shared", "seeds")
		if _, err := os.Stat(seeds); err != nil {
			t.Skipf("no seed articles in %s: the shared data is not beside the repository", seeds)
		}
		arts, err := readArticles([]string{seeds})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		page, rows := reportFor(t, dir, arts, 30)
		shot := filepath.Join(dir, "seeds.png")
		dom := checkInBrowser(t, bin, page, rows, len(arts), shot)
		// Russia crushing the rebels in 000 beside Russia liberating
		// Aleppo in RT's quotes in 002.
		pairAttr := regexp.MustCompile(`data-pair-a="000_[^"]*:author" data-pair-b="002_[^"]*:RT"`)
		var found bool
		for _, sec := range strings.Split(dom, `<section class="contrast"`)[1:] {
			tag, _, _ := strings.Cut(sec, ">")
			if !strings.Contains(tag, `data-contrast-actor="Russia"`) {
				continue
			}
			found = true
			loc := pairAttr.FindStringIndex(sec)
			if loc == nil {
				t.Fatal("Russia's contrasts lack the pair 000 (author) – 002 (RT)")
			}
			// The pair runs to the next pair or the section's end.
			body := sec[loc[1]:]
			if k := strings.Index(body, "data-pair-a="); k >= 0 {
				body = body[:k]
			}
			for _, w := range []string{"crushed", "liberating"} {
				if !strings.Contains(body, w) {
					t.Errorf("the pair 000–002 for Russia does not show %q", w)
				}
			}
		}
		if !found {
			t.Error("no contrast section for Russia")
		}
		if *screenshotOut != "" {
			b, err := os.ReadFile(shot)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(*screenshotOut, b, 0o644); err != nil {
				t.Fatal(err)
			}
			fmt.Println("wrote", *screenshotOut)
		}
	})
}
