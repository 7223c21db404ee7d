package features

import "strings"

// Cue classes: what kind of act or state a word names. Who does what to
// whom is the strongest framing signal in conflict news, and the training
// sets (US politics, climate news) contain few such words, so this small
// hand-written lexicon carries it to texts the models never saw.
// CueClass is a kind of act or state a cue word names.
type CueClass uint8

// The cue classes.
const (
	CueAggression CueClass = iota + 1 // crush, bomb, besiege, kill...
	CueProtection                     // liberate, protect, rescue, help...
	CuePeace                          // negotiate, ceasefire, mediate...
	CueSuffering                      // displaced, starved, fled, wounded...
	CueCondemn                        // condemn, brutal, atrocity, blame...
	CuePraise                         // praise, thank, hero, brave...
	CueDeceit                         // lie, propaganda, corrupt...
	// NumCues bounds the classes: every CueClass is below it.
	NumCues
)

var cueNames = [NumCues]string{"", "aggression", "protection", "peace", "suffering", "condemnation", "praise", "deceit"}

func (c CueClass) String() string {
	if c < NumCues {
		return cueNames[c]
	}
	return "?"
}

// Relation is the mention's part in the act a cue word names.
type Relation uint8

// The relations.
const (
	RelAgent   Relation = 1 // ⟨T⟩ crushed, crushed by ⟨T⟩, ⟨T⟩'s assault
	RelPatient Relation = 2 // crushed ⟨T⟩, ⟨T⟩ were crushed
)

func (r Relation) String() string {
	switch r {
	case RelAgent:
		return "agent"
	case RelPatient:
		return "patient"
	}
	return "?"
}

// CueFact is what a TCue feature says: the mention is the agent or the
// patient of an act of some class.
type CueFact struct {
	Class CueClass
	Rel   Relation
}

var cueWords = map[CueClass][]string{
	CueAggression: {"crush", "crushed", "bomb", "bombed", "bombing", "bombardment", "besiege", "besieged", "siege", "attack", "attacked",
		"kill", "killed", "killing", "shell", "shelled", "shelling", "pound", "pounded", "pounding", "batter", "battered", "invade",
		"invaded", "invasion", "occupy", "occupied", "occupation", "destroy", "destroyed", "strike", "struck", "airstrike",
		"airstrikes", "massacre", "massacred", "shoot", "shot", "execute", "executed", "torture", "tortured", "assault", "assaulted",
		"offensive", "onslaught", "slaughter", "slaughtered", "target", "targeted", "raid", "raided", "seize", "seized", "oppress",
		"oppressed", "repress", "crackdown", "threaten", "threatened", "threat", "aggression", "aggressive", "violence", "violent",
		"brutal", "brutality", "terror", "terrorist", "terrorists", "murder", "murdered", "abuse", "abused", "persecute",
		"loot", "looted", "burn", "burned", "burnt", "torch", "torched", "rape", "raped", "abduct", "abducted", "kidnap",
		"kidnapped", "capture", "captured", "behead", "beheaded", "ambush", "ambushed", "maim", "maimed", "expel", "expelled",
		"deport", "deported", "blockade", "blockaded", "annex", "annexed", "annexation", "bombard", "bombarded"},
	CueProtection: {"liberate", "liberated", "liberating", "liberation", "protect", "protected", "protection", "rescue",
		"rescued", "defend", "defended", "defence", "defense", "save", "saved", "free", "freed", "shelter", "sheltered",
		"relief", "guard", "guarded",
		"restore", "restored", "rebuild", "evacuate", "evacuated", "evacuation", "feed", "fed", "help", "helped", "aid",
		"assist", "assisted", "treat", "treated", "donate", "donated", "hide", "hid", "escort", "escorted", "airdrop",
		"airdropped", "intercept", "intercepted", "repel", "repelled", "repulse", "repulsed", "demine", "demining"},
	CuePeace: {"negotiate", "negotiated", "negotiation", "negotiations", "ceasefire", "truce", "peace", "peaceful", "talks",
		"mediate", "mediated", "mediation", "reconcile", "reconciliation", "agreement", "agreed", "diplomacy", "diplomatic",
		"broker", "brokered", "settlement", "dialogue", "compromise", "de-escalation"},
	CueSuffering: {"displaced", "starve", "starved", "starving", "flee", "fled", "fleeing", "suffer", "suffered", "suffering",
		"wounded", "injured", "die", "died", "dying", "dead", "casualties", "trapped", "victim", "victims", "homeless", "refugee",
		"refugees", "hunger", "famine", "plight", "stranded", "orphaned", "grieving", "mourn", "mourned", "innocent", "vulnerable",
		"helpless", "endangered", "exploited", "forgotten", "subjected", "hungry", "malnourished", "exhausted", "hostage",
		"hostages", "captive", "captives", "defenceless", "defenseless", "bereaved"},
	CueCondemn: {"condemn", "condemned", "criticise", "criticised", "criticize", "criticized", "denounce", "denounced",
		"atrocity", "atrocities", "crime", "crimes", "blame", "blamed", "accuse", "accused", "outrage", "outrageous", "illegal",
		"war-crimes", "ruthless", "cruel", "dictator", "tyrant", "regime", "thug", "thugs", "extremist", "extremists", "radical"},
	CuePraise: {"praise", "praised", "thank", "thanked", "thanking", "gratitude", "grateful", "hero", "heroes", "heroic", "brave",
		"bravery", "courage", "courageous", "welcome", "welcomed", "celebrate", "celebrated", "hail", "hailed", "applaud",
		"applauded", "admire", "admired", "honour", "honor", "honored", "honoured", "generous", "compassion", "compassionate"},
	CueDeceit: {"lie", "lied", "lies", "liar", "propaganda", "corrupt", "corruption", "fraud", "deceive", "deceived",
		"mislead", "misled", "hoax", "cover-up", "conspiracy", "bribe", "bribery", "scandal", "hypocrisy", "hypocrite"},
}

var beWords = []string{"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting"}

// undergoWords, between the mention and a cue to its right, make the
// mention the one the act is done to: "civilians have been subjected to a
// daily pounding", "families fleeing the bombing", "towns under siege".
var undergoWords = []string{"subjected", "endure", "endured", "enduring", "suffer", "suffered", "suffering", "face", "faced",
	"facing", "under", "survive", "survived", "escape", "escaped", "escaping", "flee", "fled", "fleeing", "victim", "victims"}

// commonNouns are words actors are called by that are not names: a
// capitalised one (opening a sentence, in a headline) still enters the
// name-blind target features.
var commonNouns = []string{"rebel", "rebels", "terrorist", "terrorists", "militant", "militants", "extremist", "extremists",
	"jihadist", "jihadists", "insurgent", "insurgents", "separatist", "separatists", "fighter", "fighters", "militia", "militias",
	"regime", "government", "army", "military", "forces", "troops", "soldiers", "police", "officials", "authorities",
	"opposition", "protesters", "demonstrators", "civilians", "residents", "refugees", "migrants", "children", "families",
	"invaders", "occupiers", "freedom", "thugs", "gunmen", "attackers", "aid", "workers", "doctors", "rescuers", "volunteers",
	"leaders", "president", "minister", "spokesman", "spokeswoman", "activists", "critics", "lawmakers", "voters", "the"}

// irrealisWords before a cue make it a possibility, not an act: "if Russia
// invades", "the militia could attack", "would be shelled".
// ("might" is left out: "the might of the army" is common).
var irrealisWords = []string{"if", "unless", "could", "would", "may", "should", "whether"}

// determiners before an -ed cue make it an adjective of the next noun
// ("the shelled district"), not an act of a mention further off.
var determiners = []string{"the", "a", "an", "this", "that", "these", "those"}

// prepositions before an -ed cue right of the mention make it an
// adjective of the next noun too: "aid to people in besieged Douma".
var prepositions = []string{"in", "into", "inside", "from", "of", "at", "to", "near", "across", "around", "toward", "towards", "for", "with", "on", "through"}

// joinWords join two actors that act together: "Russia and Iran bombed".
var joinWords = []string{"and", "or", ",", "&"}

// cueTable maps term hashes to cue classes for one hash seed.
type cueTable struct {
	class          *hashTable[CueClass]
	be             *hashTable[bool]
	undergo        *hashTable[bool]
	common         *hashTable[bool]
	irrealis       *hashTable[bool]
	det            *hashTable[bool]
	prep           *hashTable[bool] // prepositions: "in besieged Douma"
	join           *hashTable[bool] // "and", "or", a comma: actors acting together
	by, poss, from uint64
}

func newCueTable(seed uint64) *cueTable {
	lx := NewLexicon(seed)
	t := &cueTable{class: newHashTable[CueClass](256), by: lx.Hash("by"), poss: lx.Hash("'s"), from: lx.Hash("from")}
	for c := CueClass(1); c < NumCues; c++ {
		for _, w := range cueWords[c] {
			h := lx.Hash(w)
			if _, dup := t.class.get(h); !dup {
				t.class.set(h, c)
			}
		}
	}
	t.be = hashSet(lx, beWords)
	t.undergo = hashSet(lx, undergoWords)
	t.common = hashSet(lx, commonNouns)
	t.irrealis = hashSet(lx, irrealisWords)
	t.det = hashSet(lx, determiners)
	t.prep = hashSet(lx, prepositions)
	t.join = hashSet(lx, joinWords)
	return t
}

// hashSet is the set of the term hashes of words.
func hashSet(lx *Lexicon, words []string) *hashTable[bool] {
	t := newHashTable[bool](len(words))
	for _, w := range words {
		t.set(lx.Hash(w), true)
	}
	return t
}

// cueWindow is how far, in units, a cue word may stand from the mention.
const cueWindow = 8

// cueFeatures relates the mention to cue words near it in its clause: a cue
// to the right is something the mention does (unless a form of "be" just
// before it makes it passive), a cue to the left is done to it (unless "by"
// introduces the mention as the agent). These patterns are read apart:
// "⟨T⟩'s victims" makes the mention the one who harms, and so does
// "protected from ⟨T⟩"; a cue after "if",
// "could", "would"... is a possibility, marked as not asserted (Neg), not
// an act; an -ed cue after a determiner or a preposition ("the shelled
// district", "aid to people in besieged Douma") describes the next noun,
// not an act of a mention further off; a cue right after another actor
// ("⟨T⟩ said ⟨O⟩ had protected her") is that actor's act, unless the two
// are joined ("⟨T⟩ and ⟨O⟩ attacked"). The mention's own words count too:
// "corrupt officials", "rescue workers" and "burn victims" say what the
// author calls them (ownCues).
func (e *Extractor) cueFeatures(m *mention, dst []Feature) []Feature {
	d, tu := m.d, m.tu
	u := e.units
	cl := u[tu].clause
	dst = e.ownCues(m, dst)
	poss := tu+1 < len(u) && u[tu+1].hash == e.cues.poss
	for j := max(0, tu-cueWindow); j < len(u) && j <= tu+cueWindow; j++ {
		if j == tu || u[j].tok < 0 || u[j].clause != cl {
			continue
		}
		c := e.cues.class.at(u[j].hash)
		if c == 0 {
			continue
		}
		if j != tu-1 && j > 0 && (e.cues.det.at(u[j-1].hash) || j > tu+1 && e.cues.prep.at(u[j-1].hash)) &&
			j+1 < len(u) && (u[j+1].tok >= 0 || u[j+1].tok == TokOther) && pastParticiple(d, u[j].tok) {
			continue // "the shelled district", "in besieged Douma": an adjective of another noun
		}
		if j > tu && e.othersAct(tu, j) {
			continue // "⟨T⟩ said ⟨O⟩ had protected her": the other's act
		}
		rel := RelAgent
		if j < tu {
			switch {
			case c == CueProtection && tu > 0 && u[tu-1].hash == e.cues.from:
				// "liberating Aleppo from terrorists": what one is
				// protected from is the threat
				c = CueAggression
			case tu == 0 || u[tu-1].hash != e.cues.by:
				rel = RelPatient
			}
		} else if poss && j <= tu+3 && c == CueSuffering {
			c = CueAggression // "the junta's victims": the junta did the harm
		} else if (e.cues.be.at(u[j-1].hash) || j-2 > tu && e.cues.be.at(u[j-2].hash)) && !progressive(d, u[j].tok) || e.undergoes(tu, j) {
			// "were crushed", "have been brutally shelled"; but not
			// "is determined to crush", where the be-form is further back,
			// nor "is liberating", which is active
			rel = RelPatient
		}
		neg := u[j].neg || e.irrealis(min(tu, j), j)
		// the fact goes into the hash as class*4+relation, as it always has
		dst = e.emit(dst, TCue, neg, int8(uint8(c)*4+uint8(rel)), 0, 0, 0, u[j].tok, TokNone, TokNone)
		dst[len(dst)-1].Aux = 0
		dst[len(dst)-1].Cue = CueFact{Class: c, Rel: rel}
	}
	return dst
}

// irrealis reports whether a word of the clause before unit j (from up to
// three units before from) makes the cue at j a possibility.
func (e *Extractor) irrealis(from, j int) bool {
	u := e.units
	for k := max(0, from-3); k < j; k++ {
		if u[k].clause == u[j].clause && e.cues.irrealis.at(u[k].hash) {
			return true
		}
	}
	return false
}

// pastParticiple reports whether token tok is an -ed form.
func pastParticiple(d *Doc, tok int32) bool { return endsIn(d, tok, "ed", "ED") }

// progressive reports whether token tok is an -ing form; stems cannot
// tell "liberating" from "liberated", so this reads the text.
func progressive(d *Doc, tok int32) bool { return endsIn(d, tok, "ing", "ING") }

// endsIn reports whether token tok, longer than four bytes, ends in
// suffix written in lower or in upper case.
func endsIn(d *Doc, tok int32, lower, upper string) bool {
	if tok < 0 || int(tok) >= len(d.Tokens) {
		return false
	}
	t := d.Tokens[tok]
	w := d.Text[t.Start:t.End]
	return len(w) > 4 && (strings.HasSuffix(w, lower) || strings.HasSuffix(w, upper))
}

// undergoes reports whether a word between units tu and j says that the
// mention at tu suffers what j names.
func (e *Extractor) undergoes(tu, j int) bool {
	for k := tu + 1; k < j; k++ {
		if e.cues.undergo.at(e.units[k].hash) {
			return true
		}
	}
	return false
}

// othersAct reports whether another actor stands at most two words before
// the cue at unit j, right of the mention at tu, as its subject ("⟨T⟩ said
// ⟨O⟩ had protected her", "⟨T⟩ kept working as ⟨O⟩ shells hit"): then the
// act is the other's. An actor joined to the other ("⟨T⟩ and ⟨O⟩
// attacked") shares the act, and one after "by" is another act's agent.
func (e *Extractor) othersAct(tu, j int) bool {
	u := e.units
	for k := j - 1; k > tu && k >= j-3; k-- {
		if u[k].tok != TokOther {
			continue
		}
		p := u[k-1].hash
		return k-1 > tu && !e.cues.join.at(p) && p != e.cues.by
	}
	return false
}

// ownCues emits the cue words among the mention's own words: what the
// author calls an actor frames it ("the brutal regime", "corrupt
// officials", "rescue workers", "burn victims", "brave medics"). Acts and
// misdeeds make it their agent, suffering, praise and condemnation their
// patient, as the cue-linked roles read them. The words are the text's,
// never a name: a capitalised word enters only where a sentence opens with
// it before a lower-case word ("Corrupt officials", "Rescue workers"), not
// inside a name ("Free Syrian Army", "the International Rescue
// Committee").
func (e *Extractor) ownCues(m *mention, dst []Feature) []Feature {
	d := m.d
	for i := m.ti; i < len(d.Tokens) && int(d.Tokens[i].Start) < m.target.End; i++ {
		t := &d.Tokens[i]
		if t.Flags&FlagWord == 0 || t.Flags&FlagCapital != 0 && !opensCommon(d, i) {
			continue
		}
		c := e.cues.class.at(t.Hash)
		if c == 0 {
			continue
		}
		rel := RelAgent
		switch c {
		case CueSuffering, CueCondemn, CuePraise:
			rel = RelPatient
		}
		dst = e.emit(dst, TCue, false, int8(ownCueAux+uint8(c)*4+uint8(rel)), 0, 0, 0, int32(i), TokNone, TokNone)
		dst[len(dst)-1].Aux = 0
		dst[len(dst)-1].Cue = CueFact{Class: c, Rel: rel}
	}
	return dst
}

// ownCueAux sets a mention's own cue words apart from cues around it in
// the feature hash: the model weighs "the brutal regime" and "the regime
// was brutal" each on its own.
const ownCueAux = 64

// opensCommon reports whether the capitalised token i opens its sentence
// and the next word is lower case: a common word capitalised by its place
// ("Corrupt officials"), not part of a name ("Free Syrian Army").
func opensCommon(d *Doc, i int) bool {
	if inName(d, i) || i+1 >= len(d.Tokens) {
		return false
	}
	n := d.Tokens[i+1].Flags
	return n&FlagWord != 0 && n&FlagCapital == 0
}
