package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"
)

// defaultData is NewsMTSC relative to this module's directory.
const defaultData = "../../../shared/data/newsmtsc"

func main() {
	code, err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "golearn:", err)
		}
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// run parses flags and prints the comparison; it returns an exit code
// for the re-executed case.
func run(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("golearn", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := defaultOptions()
	data := fs.String("data", defaultData, "directory holding train.jsonl, dev-rw.jsonl and dev-mt.jsonl (format M)")
	fs.IntVar(&o.k, "k", o.k, "hashed features kept for golearn's dense instances")
	fs.StringVar(&o.method, "select", o.method, "feature selection: chi2 (χ² of presence against the classes) or df (document frequency)")
	fs.IntVar(&o.minDF, "min-df", o.minDF, "chi2: least training rows a feature must occur in")
	fs.IntVar(&o.knnK, "knn-k", o.knnK, "KNN: neighbours")
	fs.IntVar(&o.knnTrain, "knn-train", o.knnTrain, "KNN: training rows (stratified subsample; 0: all)")
	fs.IntVar(&o.treeTrain, "tree-train", o.treeTrain, "ID3: training rows (stratified subsample; 0: all)")
	fs.IntVar(&o.forestTrees, "forest-trees", o.forestTrees, "random forest: trees")
	fs.IntVar(&o.forestFeatures, "forest-features", o.forestFeatures, "random forest: attributes drawn for each tree (0: √k)")
	fs.IntVar(&o.forestTrain, "forest-train", o.forestTrain, "random forest: training rows (stratified subsample; 0: all)")
	fs.StringVar(&o.only, "only", "", "run only the rows whose name contains this")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the comparison to this file")
	quiet := fs.Bool("q", false, "no progress on stderr")
	reexec := fs.Bool("reexec", true, "when golearn's liblinear panics under the cgo pointer check, run again with GODEBUG=cgocheck=0")
	probePanic := fs.String("probe-panic", "", "(set by -reexec) the panic the parent process saw")
	if err := fs.Parse(args); err != nil {
		return 2, err
	}
	if fs.NArg() > 0 {
		return 2, fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	// golearn's liblinear models panic under the default cgo pointer
	// check. Show that, and measure them in a child process without it.
	if *probePanic == "" && cgoAvailable && !cgoCheckOff() {
		if p := liblinearProbe(); p != "" {
			*probePanic = p
			if *reexec {
				fmt.Fprintf(stderr, "golearn's liblinear panicked under GODEBUG=cgocheck=1 (the default): %s\nrunning again with GODEBUG=cgocheck=0 (-reexec=false to keep the check)\n", p)
				return reexecWithoutCgoCheck(args, p)
			}
		}
	}

	if !*quiet {
		o.progress = stderr
	}
	start := time.Now()
	load := func(name string) ([]sample, error) {
		return mentionFeatures(filepath.Join(*data, name))
	}
	train, err := load("train.jsonl")
	if err != nil {
		return 1, err
	}
	var tests []testSet
	for _, name := range []string{"dev-rw", "dev-mt"} {
		s, err := load(name + ".jsonl")
		if err != nil {
			return 1, err
		}
		tests = append(tests, testSet{name, s})
	}
	dim, err := featureSpace()
	if err != nil {
		return 1, err
	}
	extract := time.Since(start)

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return 1, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 1, err
		}
		defer pprof.StopCPUProfile()
	}
	sel, rows, err := compare(train, tests, dim, o, nil)
	if err != nil {
		return 1, err
	}
	lookup, err := lookupCost(sel.k())
	if err != nil {
		return 1, err
	}
	report(stdout, reportInfo{
		opt: o, sel: sel, train: train, tests: tests, dim: dim, rows: rows,
		extract: extract, lookup: lookup, probePanic: *probePanic,
	})
	return 0, nil
}

// reportInfo is what the printed report shows.
type reportInfo struct {
	opt        options
	sel        *selection
	train      []sample
	tests      []testSet
	dim        int
	rows       []result
	extract    time.Duration
	lookup     time.Duration
	probePanic string
}

// report prints the table and what golearn could and could not do.
func report(w io.Writer, in reportInfo) {
	fmt.Fprintf(w, "NewsMTSC mention polarity: train %d mentions", len(in.train))
	for _, t := range in.tests {
		fmt.Fprintf(w, ", %s %d", t.name, len(t.samples))
	}
	fmt.Fprintf(w, "; actorframe features extracted in %.1fs (not in the times below)\n", in.extract.Seconds())
	fmt.Fprintf(w, "feature selection: top %d of the 2^%d hashed features by %s (min df %d) on train; %.0f%% of train mentions keep at least one\n",
		in.sel.k(), bits(in.dim), selectionName(in.sel.method), in.opt.minDF, 100*coverage(in.sel.project(in.train)))
	fmt.Fprintf(w, "Go %s, %s/%s, GOMAXPROCS %d, cgo %v\n\n", strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), cgoAvailable)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprint(tw, "classifier\t")
	for _, t := range in.tests {
		fmt.Fprintf(tw, "%s F1\t", t.name)
	}
	fmt.Fprint(tw, "train rows\ttrain\t(cpu)\tscore\t(cpu)\ttrain matrix\t\n")
	for _, r := range in.rows {
		fmt.Fprintf(tw, "%s\t", r.name)
		if r.unavailable != "" {
			for range in.tests {
				fmt.Fprint(tw, "—\t")
			}
			fmt.Fprint(tw, "—\t—\t—\t—\t—\t—\t\n")
			continue
		}
		for _, f := range r.f1 {
			fmt.Fprintf(tw, "%.3f\t", f)
		}
		fit, fitCPU, scoreCPU := fmtDur(r.fit), "—", "—"
		if r.cpuOK {
			fitCPU, scoreCPU = fmtDur(r.fitCPU), fmtDur(r.scoreCPU)
		}
		if r.shipped {
			fit, fitCPU = "shipped", ""
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t\n", r.trainRows, fit, fitCPU, fmtDur(r.score), scoreCPU, fmtBytes(r.matrix))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nF1 is macro-F1 over the gold classes. train and score (both dev sets) are wall-clock times, (cpu) the process's CPU time over all threads meanwhile; load average at the end %s. golearn's times include building its dense instances.\n", loadAverage())
	for _, r := range in.rows {
		switch {
		case r.unavailable != "":
			fmt.Fprintf(w, "  %s: unavailable: %s\n", r.name, r.unavailable)
		case r.note != "":
			fmt.Fprintf(w, "  %s: %s\n", r.name, r.note)
		}
	}

	fmt.Fprintln(w, "\nWhat golearn could and could not do here:")
	if !cgoAvailable {
		fmt.Fprintln(w, "  - cgo: this build has no cgo, so golearn's knn and linear_models (and ensemble, which imports linear_models) do not compile; NB, ID3 and a forest built from meta+trees still run.")
	} else {
		fmt.Fprintln(w, "  - cgo: golearn's knn (C Euclidean distance) and linear_models (liblinear, C++) need cgo and a C/C++ compiler; ensemble imports linear_models, so even its random forest needs cgo.")
		switch {
		case in.probePanic != "" && cgoCheckOff():
			fmt.Fprintf(w, "  - cgocheck: liblinear's fit panicked under the default GODEBUG=cgocheck=1 (%s); the liblinear rows above ran in a re-executed process with GODEBUG=cgocheck=0.\n", in.probePanic)
		case in.probePanic != "":
			fmt.Fprintf(w, "  - cgocheck: liblinear's fit panicked under the default GODEBUG=cgocheck=1 (%s).\n", in.probePanic)
		case cgoCheckOff():
			fmt.Fprintln(w, "  - cgocheck: GODEBUG=cgocheck=0 was set, so the cgo pointer check did not run.")
		default:
			fmt.Fprintln(w, "  - cgocheck: liblinear did not panic under the cgo pointer check.")
		}
	}
	k := in.sel.k()
	rowsN := int64(len(in.train))
	fmt.Fprintf(w, "  - memory: golearn has only dense instances: %s of float64 for %d×%d (%s as presence bits); the full 2^%d space would need %s as float64. actorframe's CSR matrix of all features takes %s.\n",
		fmtBytes(rowsN*int64(k)*8), rowsN, k, fmtBytes((rowsN*int64(k)+7)/8), bits(in.dim), fmtBytes(rowsN*int64(in.dim)*8), fmtBytes(csrBytes(in.train)))
	fmt.Fprintf(w, "  - attribute lookup: resolving the %d feature attributes of a grid takes %s: GetAttribute scans every attribute comparing names, so it is quadratic in k. ID3 pays it per row: base.GetClass resolves the class attribute that way for every row of every candidate split, which is why the tree and the forest train on subsamples.\n", k, fmtDur(in.lookup))
	fmt.Fprintln(w, "  - probabilities: no Predict here returns class probabilities; only ID3's PredictProba does, one row per call (it panics on more). actorframe's head gives P(class) for every mention, which stance uses to weigh mentions.")
	fmt.Fprintln(w, "  - persistence: NB, KNN, ID3, BaggedModel and LinearSVC have Save/Load (NB and ID3 round-trip; ID3's Save prints a debug line to stdout); LogisticRegression has none.")
	fmt.Fprintln(w, "  - reproducibility: bagging draws from the global math/rand (a no-op rand.Seed since Go 1.24) in parallel goroutines, and trees break ties by map order, so the forest and ID3 rows vary between runs.")
	fmt.Fprintln(w, "  - maintenance: latest module version v0.0.0-20221228163002-74ae077eafb2 (no tagged release on the module proxy; last commit 2022-12-28); its go.mod asks for gonum v0.8.1, resolved here to actorframe's v0.17.0.")
}

func selectionName(m string) string {
	switch m {
	case "chi2":
		return "χ² of presence against the class"
	case "df":
		return "document frequency"
	}
	return m
}

// loadAverage is the 1-minute load average where /proc tells it, since
// wall-clock times on a shared machine mean little without it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

// csrBytes is the size of s as a compressed-sparse-row matrix: an index
// and a value per entry, and a row pointer per row.
func csrBytes(s []sample) int64 {
	var nnz int64
	for _, x := range s {
		nnz += int64(len(x.idx))
	}
	return nnz*8 + int64(len(s)+1)*8
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.0fs", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.0fms", float64(d)/1e6)
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.0fµs", float64(d)/1e3)
	}
}

func fmtBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
