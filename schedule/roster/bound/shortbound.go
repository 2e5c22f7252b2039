package bound

import (
	"math/bits"

	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
)

// ShortfallBound is a lower bound on the shortfall (agent-hours below
// requirement, summed over intervals and skills) of every roster of a
// model: what no search can close, proven from the model alone.
type ShortfallBound struct {
	// Hours is NoTemplateHours plus the larger of IntervalHours and
	// HorizonHours (both bound the shortfall where templates reach).
	Hours float64
	// NoTemplateHours is requirement in intervals no candidate shift
	// reaches.
	NoTemplateHours float64
	// IntervalHours sums, over the intervals shifts reach, the agents
	// missing however the agents on site are spread over the skills:
	// more required of a set of skills than agents who have one of them
	// and are available then (Hall's condition on the bipartite graph of
	// agents and skills; the set that misses most counts).
	IntervalHours float64
	// HorizonHours is the requirement of a set of skills over the
	// horizon above what the agents with one of them can work on a
	// queue: per agent and week, the least of the weekly hours, the daily
	// hours times the days they may work, and the longest shift times
	// those days (time on a queue is paid time, and paid time is what the
	// limits count).
	HorizonHours float64
}

// maxBoundSkills bounds the skills whose every subset the bound tries
// (2^n sets); with more skills it tries each skill alone and all of them.
const maxBoundSkills = 8

// Shortfall computes ShortfallBound (see there). It takes
// O(agents + slots × 2^skills) time: agents are counted per skill set.
func Shortfall(p *compiled.Problem) ShortfallBound {
	var b ShortfallBound
	g := &p.G
	ivh := float64(g.IvMin) / 60
	// agent kinds: the skill set, as a bit mask over the demand's skills
	kindOf := map[uint64]int{}
	var masks []uint64
	agentKind := make([]int, len(p.Agents))
	for a := range p.Agents {
		var mask uint64
		for _, k := range p.Agents[a].Skills {
			if k < 64 {
				mask |= 1 << uint(k)
			}
		}
		i, ok := kindOf[mask]
		if !ok {
			i = len(masks)
			kindOf[mask] = i
			masks = append(masks, mask)
		}
		agentKind[a] = i
	}
	sets := skillSets(p.NSkills)

	// per interval: the agents of each kind available then
	always := make([]int32, len(masks))
	var partial []int32 // agents not available every slot
	for a := range p.Agents {
		if p.Agents[a].Always {
			always[agentKind[a]]++
		} else {
			partial = append(partial, int32(a))
		}
	}
	count := make([]int32, len(masks))
	for t := range g.N {
		var need int64
		for k := range p.NSkills {
			need += int64(p.Req[k][t])
		}
		if need == 0 {
			continue
		}
		if len(p.BySlot[t]) == 0 {
			b.NoTemplateHours += float64(need) * ivh
			continue
		}
		copy(count, always)
		for _, a := range partial {
			av := p.Agents[a].Avail
			if av[t+1] > av[t] {
				count[agentKind[a]]++
			}
		}
		worst := int64(0)
		for _, set := range sets {
			var req, agents int64
			for k := range p.NSkills {
				if set&(1<<uint(k)) != 0 {
					req += int64(p.Req[k][t])
				}
			}
			for i, mask := range masks {
				if mask&set != 0 {
					agents += int64(count[i])
				}
			}
			worst = max(worst, req-agents)
		}
		b.IntervalHours += float64(worst) * ivh
	}

	// over the horizon: required agent-minutes per skill, queue minutes
	// per agent kind
	reqMin := make([]float64, p.NSkills)
	for k := range p.NSkills {
		for t := range g.N {
			if len(p.BySlot[t]) > 0 {
				reqMin[k] += float64(p.Req[k][t]) * float64(g.IvMin)
			}
		}
	}
	longest := int64(0)
	for i := range p.Pats {
		longest = max(longest, int64(p.Pats[i].Staffed)*int64(g.IvMin))
	}
	capMin := make([]float64, len(masks))
	for a := range p.Agents {
		ai := &p.Agents[a]
		for _, wk := range g.Weeks {
			days := int64(wk.Days - p.M.Rules.DaysOffPerWeek*wk.Days/7) // as evaluate's days_off check
			q := min(int64(ai.MaxWeeklyMin), days*int64(ai.MaxDailyMin), days*longest)
			capMin[agentKind[a]] += float64(max(q, 0))
		}
	}
	for _, set := range sets {
		var req, agents float64
		for k := range p.NSkills {
			if set&(1<<uint(k)) != 0 {
				req += reqMin[k]
			}
		}
		for i, mask := range masks {
			if mask&set != 0 {
				agents += capMin[i]
			}
		}
		b.HorizonHours = max(b.HorizonHours, (req-agents)/60)
	}
	b.Hours = b.NoTemplateHours + max(b.IntervalHours, b.HorizonHours)
	return b
}

// skillSets lists the sets of skills the bound tries, as bit masks: every
// non-empty subset of up to maxBoundSkills skills; beyond, each skill
// alone and all of them.
func skillSets(n int) []uint64 {
	if n == 0 {
		return nil
	}
	if n <= maxBoundSkills {
		sets := make([]uint64, 0, 1<<uint(n)-1)
		for s := uint64(1); s < 1<<uint(n); s++ {
			sets = append(sets, s)
		}
		return sets
	}
	var sets []uint64
	all := uint64(0)
	for k := range min(n, 64) {
		sets = append(sets, 1<<uint(k))
		all |= 1 << uint(k)
	}
	if bits.OnesCount64(all) > 1 {
		sets = append(sets, all)
	}
	return sets
}
