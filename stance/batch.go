package stance

import (
	"context"
	"iter"
	"runtime"
	"sync"
)

// Document is one text of a batch, with the caller's identifier.
type Document struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Result is the report on one Document.
type Result struct {
	ID     string `json:"id"`
	Report Report `json:"report"`
}

// ScoreAll scores docs on workers goroutines (GOMAXPROCS when workers <= 0)
// and yields the results in input order. It stops early when the caller
// stops iterating or ctx is cancelled; in the latter case the last pair
// yielded carries ctx's error. At most a few documents per worker are held
// in memory at once, so docs may be an unbounded stream.
func (m *Model) ScoreAll(ctx context.Context, docs iter.Seq[Document], workers int) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		inner, cancel := context.WithCancel(ctx)
		defer cancel()
		type job struct {
			seq int
			doc Document
		}
		type done struct {
			seq int
			res Result
		}
		jobs := make(chan job, workers)
		results := make(chan done, workers)
		// inFlight bounds the documents read but not yet yielded, which
		// bounds the reorder buffer below.
		inFlight := make(chan struct{}, 4*workers)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					r := Result{ID: j.doc.ID, Report: m.Score(j.doc.Text)}
					select {
					case results <- done{j.seq, r}:
					case <-inner.Done():
						return
					}
				}
			}()
		}
		go func() {
			defer close(jobs)
			seq := 0
			for d := range docs {
				select {
				case inFlight <- struct{}{}:
				case <-inner.Done():
					return
				}
				select {
				case jobs <- job{seq, d}:
				case <-inner.Done():
					return
				}
				seq++
			}
		}()
		go func() {
			wg.Wait()
			close(results)
		}()
		pending := map[int]Result{}
		next := 0
		for d := range results {
			pending[d.seq] = d.res
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-inFlight
				if ctx.Err() != nil {
					break
				}
				if !yield(r, nil) {
					return
				}
			}
			if ctx.Err() != nil {
				break
			}
		}
		if err := ctx.Err(); err != nil {
			yield(Result{}, err)
		}
	}
}
