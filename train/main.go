// Command train fits, evaluates and cross-validates actorframe models.
//
// Usage:
//
//	go run ./train fit  -in TRAIN.jsonl [-roles ROLES.jsonl] [-actors DOCS.jsonl] [-vectors GLOVE.txt.gz] -out MODEL.afm [-seed N] [-l2 X] [-iters N]
//	go run ./train eval -in DEV.jsonl [-model MODEL.afm] [-json]
//	go run ./train cv   -in TRAIN.jsonl [-pol MORE.jsonl] [-roles MORE.jsonl] [-vectors GLOVE.txt.gz] [-agency] [-agency-actors DOCS.jsonl] [-k 5] [-seed N] [-json]
//	go run ./train cv   -actors DOCS.jsonl -pol TRAIN.jsonl [-passages PERSENT.csv] [-k 5]
//
// cv -in prints, besides the held-out metrics, the grids the model's
// weights are chosen on: mention polarity by the polarity-vectors blend
// weight (with -vectors), roles by the role-vectors weight (with -vectors
// and role labels), mention polarity by an agency weight (-agency) and
// article-level labels by the agency weight, each fold's actor head
// trained on DOCS (-agency-actors).
//
// Each command shows its progress on stderr: live bars on a terminal, a
// plain line at most every two seconds otherwise, nothing with -q (or
// -quiet).
//
// Data files are JSONL in format M (labelled mentions) or format A (one
// actor per document); see package train/dataset. With no -model, eval
// uses the model embedded in the library.
//
// The default model is made by the command in the README ("Retraining"),
// which reproduces it byte for byte (TestFitReproducesEmbeddedModel runs
// it).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `usage: train <command> [flags]

commands:
  fit    train a model from labelled data and write a model file
  eval   score a labelled file with a model and print metrics
  cv     stratified k-fold cross-validation on a training file

Run 'train <command> -h' for the flags of a command.
`

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "train:", err)
	}
	os.Exit(exitCode(err))
}

// exitCode is 0 for success and for -h (the usage was asked for and
// printed), else 2, which the flag package uses for a bad flag.
func exitCode(err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "fit":
		return cmdFit(args[1:], stdout, stderr)
	case "eval":
		return cmdEval(args[1:], stdout, stderr)
	case "cv":
		return cmdCV(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// addQuietFlags registers -q and its long form -quiet, both meaning no
// progress on stderr (warnings and errors are still written).
func addQuietFlags(fs *flag.FlagSet) *bool {
	quiet := fs.Bool("q", false, "no progress on stderr")
	fs.BoolVar(quiet, "quiet", false, "same as -q")
	return quiet
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
