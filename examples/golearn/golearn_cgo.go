//go:build cgo

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/sjwhitworth/golearn/base"
	"github.com/sjwhitworth/golearn/knn"
	"github.com/sjwhitworth/golearn/linear_models"
)

// cgoAvailable reports whether this binary was built with cgo, which
// golearn's knn and linear_models packages need (they hold C and C++).
const cgoAvailable = true

// cgoContenders are the golearn classifiers whose packages contain C:
// KNN (its Euclidean fast path is C) and liblinear's logistic regression
// and linear SVC.
func cgoContenders(o options) []contender {
	return []contender{
		{
			name:     "golearn KNN",
			note:     fmt.Sprintf("k=%d, Euclidean, values", o.knnK),
			maxTrain: o.knnTrain,
			newModel: func(k int) (model, error) {
				return &golearnModel{newLayout(k, false, false), knn.NewKnnClassifier("euclidean", "linear", o.knnK)}, nil
			},
		},
		{
			name: "golearn LogisticRegression",
			note: "liblinear L2R_LR, C=1, values",
			newModel: func(k int) (model, error) {
				lr, err := linear_models.NewLogisticRegression("l2", 1, 0.01)
				if err != nil {
					return nil, err
				}
				return &golearnModel{newLayout(k, false, true), lr}, nil
			},
		},
		{
			name: "golearn LinearSVC",
			note: "liblinear L2-loss dual, C=1, values",
			newModel: func(k int) (model, error) {
				svc, err := linear_models.NewLinearSVC("l2", "l2", true, 1, 0.1)
				if err != nil {
					return nil, err
				}
				return &golearnModel{newLayout(k, false, true), svc}, nil
			},
		},
	}
}

// liblinearProbe fits golearn's logistic regression on a 6-row problem
// and returns the panic it raises, if any. golearn hands liblinear a
// Go-allocated struct that holds pointers to other Go memory, which the
// runtime's cgo pointer check (GODEBUG=cgocheck=1, the default) rejects.
func liblinearProbe() (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	rows := []sample{
		{idx: []uint32{0}, val: []float32{1}, label: 0}, {idx: []uint32{0}, val: []float32{1}, label: 0},
		{idx: []uint32{1}, val: []float32{1}, label: 1}, {idx: []uint32{1}, val: []float32{1}, label: 1},
		{idx: []uint32{2}, val: []float32{1}, label: 2}, {idx: []uint32{2}, val: []float32{1}, label: 2},
	}
	m := cgoContenders(options{})[1]
	mod, err := m.newModel(3)
	if err != nil {
		return err.Error()
	}
	if _, err := mod.fit(rows); err != nil {
		return err.Error()
	}
	return ""
}

// cgoCheckOff reports whether GODEBUG turns the cgo pointer check off.
func cgoCheckOff() bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(kv) == "cgocheck=0" {
			return true
		}
	}
	return false
}

// reexecWithoutCgoCheck runs this program again with GODEBUG=cgocheck=0,
// the only way to let golearn's liblinear models train: the runtime reads
// cgocheck once at start-up and refuses it in a //go:debug directive. It
// returns the child's exit code.
func reexecWithoutCgoCheck(args []string, probePanic string) (int, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	godebug := "cgocheck=0"
	if old := os.Getenv("GODEBUG"); old != "" {
		godebug = old + "," + godebug
	}
	cmd := exec.Command(exe, append([]string{"-probe-panic", probePanic}, args...)...)
	cmd.Env = append(os.Environ(), "GODEBUG="+godebug)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), nil
		}
		return 0, err
	}
	return 0, nil
}

func init() {
	// liblinear reports every fit on golearn's logger, which writes to
	// stdout, in the middle of the table.
	base.SetLoggerOut(io.Discard)
}
