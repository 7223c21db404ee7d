package main

import (
	"encoding/json"
	"strings"
)

// Aggregate dimensions: the group an actor's frames are pooled over.
const (
	ByOutlet = "outlet" // actor × outlet, from the overall frames
	BySource = "source" // actor × quoted source, from the source frames
	ByMonth  = "month"  // actor × month of the article's date, from the overall frames
)

// Dimensions lists the aggregates the pipeline writes, one file each.
var Dimensions = []string{ByOutlet, BySource, ByMonth}

// keySep joins actor and group in a combine key; no name has a NUL in it.
const keySep = "\x00"

// aggKey returns the combine key of r in dimension dim, and false when r
// does not belong to that dimension (a source frame is not an outlet's).
// An article without outlet or date pools under "" — unknown — rather than
// vanishing from the totals.
func aggKey(dim string, r ActorRow) (string, bool) {
	switch dim {
	case ByOutlet:
		if r.VoiceType == VoiceOverall {
			return r.Actor + keySep + r.Outlet, true
		}
	case BySource:
		if r.VoiceType == VoiceSource {
			return r.Actor + keySep + r.Voice, true
		}
	case ByMonth:
		if r.VoiceType == VoiceOverall {
			return r.Actor + keySep + r.Month, true
		}
	}
	return "", false
}

// FrameAcc is the running sum of a group's frames. It holds counts, not
// shares, so that accumulators from different workers merge exactly.
type FrameAcc struct {
	Frames    int64            // article × actor frames pooled
	Mentions  int64            // mentions those frames rest on
	SumScore  float64          // sum of the frames' scores
	Labels    map[string]int64 // frames per label
	Roles     map[string]int64 // frames per role
	FineRoles map[string]int64 // frames per fine role, "" left out
}

// Summary is a group's aggregate as written.
type Summary struct {
	Frames    int64              `json:"frames"`   // article × actor frames: how many articles
	Mentions  int64              `json:"mentions"` // mentions in those articles
	MeanScore float64            `json:"mean_score"`
	Labels    map[string]float64 `json:"label_shares"`
	Roles     map[string]float64 `json:"role_shares"`
	FineRoles map[string]float64 `json:"fine_role_shares,omitempty"`
}

// frameCombineFn pools actor rows into per-group summaries. As a CombineFn
// it lets the runner pre-combine on each worker before the shuffle, so the
// data moved per group is one small accumulator, not every row.
type frameCombineFn struct{}

func (frameCombineFn) CreateAccumulator() FrameAcc { return FrameAcc{} }

func (frameCombineFn) AddInput(a FrameAcc, r ActorRow) FrameAcc {
	a.Frames++
	a.Mentions += r.Mentions
	a.SumScore += r.Score
	a.Labels = inc(a.Labels, r.Label, 1)
	a.Roles = inc(a.Roles, r.Role, 1)
	if r.FineRole != "" {
		a.FineRoles = inc(a.FineRoles, r.FineRole, 1)
	}
	return a
}

func (frameCombineFn) MergeAccumulators(a, b FrameAcc) FrameAcc {
	a.Frames += b.Frames
	a.Mentions += b.Mentions
	a.SumScore += b.SumScore
	for k, v := range b.Labels {
		a.Labels = inc(a.Labels, k, v)
	}
	for k, v := range b.Roles {
		a.Roles = inc(a.Roles, k, v)
	}
	for k, v := range b.FineRoles {
		a.FineRoles = inc(a.FineRoles, k, v)
	}
	return a
}

func (frameCombineFn) ExtractOutput(a FrameAcc) Summary { return summarize(a) }

// inc adds n to m[k], making m if needed. Beam hands an accumulator to
// one call at a time, so it is updated in place.
func inc(m map[string]int64, k string, n int64) map[string]int64 {
	if m == nil {
		m = map[string]int64{}
	}
	m[k] += n
	return m
}

// summarize turns counts into means and shares.
func summarize(a FrameAcc) Summary {
	s := Summary{Frames: a.Frames, Mentions: a.Mentions,
		Labels: shares(a.Labels, a.Frames), Roles: shares(a.Roles, a.Frames)}
	if a.Frames > 0 {
		s.MeanScore = a.SumScore / float64(a.Frames)
	}
	if len(a.FineRoles) > 0 {
		s.FineRoles = shares(a.FineRoles, a.Frames)
	}
	return s
}

func shares(m map[string]int64, n int64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = float64(v) / float64(n)
	}
	return out
}

// AggRow is one line of an aggregate output: Group is the outlet, the
// quoted source or the month, "" when the articles did not say.
type AggRow struct {
	Dimension string `json:"dimension"`
	Actor     string `json:"actor"`
	Group     string `json:"group"`
	Summary
}

// aggLine encodes a combined group as its output line.
func aggLine(dim, key string, s Summary) (string, error) {
	actor, group, _ := strings.Cut(key, keySep)
	b, err := json.Marshal(AggRow{Dimension: dim, Actor: actor, Group: group, Summary: s})
	return string(b), err
}
