// Command beam scores a corpus of news articles with actorframe on Apache
// Beam, so that a corpus too large for one machine runs on a cluster
// (Dataflow, Flink, Spark) and a small one runs here, in process, on the
// Prism runner.
//
// Run it from this directory:
//
//	go run . -input '../../features/testdata/*.txt' -output out/
//
// Input (-input, comma-separated globs, read with Beam's fileio): a file
// whose name ends in .jsonl or .ndjson (optionally .gz) holds one article a
// line, {"id": string or number, "text": string, "outlet": string, "date":
// string}, where id, outlet and date may be absent; any other file is one
// article whose id is the file's base name.
//
// Output, under -output:
//
//	articles.jsonl     {"id","outlet","date","report"}: report is the stance.Report, as stance encodes it
//	                   (with -shards N: articles-00000-of-0000N.jsonl..., written in parallel; so actors.jsonl)
//	actors.jsonl       one row per article × actor × voice: article, outlet, date, month, actor, kind,
//	                   parent, voice_type (overall, author, source), voice (the source's name for a
//	                   quoted source), score, label, confidence, role, fine_role, mentions
//	actors.parquet     the same rows, for pandas, polars or DuckDB
//	by_outlet.jsonl    per actor × outlet: frames, mentions, mean_score, label_shares, role_shares,
//	by_source.jsonl    fine_role_shares — by_outlet and by_month pool the overall frames,
//	by_month.jsonl     by_source the frames in each quoted source's voice
//	deadletter.jsonl   {"origin","stage","error","raw"} for every line or article that failed
//
// A writer writes nothing for an empty collection, so deadletter.jsonl
// appears only when something failed, and an aggregate only when it has a
// group.
//
// A malformed JSONL line (bad JSON, no text, a text or outlet or date that is
// not a string, a line longer than -max-line) is counted in the
// malformed_lines and failures metrics, logged, and written to
// deadletter.jsonl with its file and line number; the job goes on. The
// metrics (documents, actors, actor_rows, failures...) are printed at the end.
//
// The scoring DoFn loads the model once per worker process, in Setup: the
// embedded model, or -model, a model file written by the train command,
// with -actors, a JSON list of {"name","aliases","parent","kind"} as
// examples/score takes. Both are read through Beam's file systems, so on a
// cluster they name storage every worker reaches (gs://...).
//
// Flags:
//
//	-input GLOBS       comma-separated globs of input files
//	-output DIR        where the outputs go (default out/)
//	-model FILE        a model file instead of the embedded model
//	-actors FILE       a JSON list of actors added to the catalogue
//	-only-actors       with -actors: use only the listed actors
//	-author-only       count only the author's voice in actor scores
//	-shards N          write articles.jsonl and actors.jsonl as N files each (default 1)
//	-max-line N        longest JSONL line in bytes (default 64 MiB); a longer one is a dead letter
//	-bench             also time stance's ScoreAll on the same articles; print docs/s and MB/s of both
//	-bench-copies N    with -bench: a corpus of N copies of every input article
//	-workers N         with -bench: goroutines for ScoreAll (default: all cores)
//
// The runner is Beam's -runner flag: prism (the default, in process) or
// dataflow, flink, spark, universal with their own flags; see the README.
//
// This is a module of its own, with a replace directive pointing at ../..,
// so that the library's go.mod never depends on the Beam SDK.
package main
