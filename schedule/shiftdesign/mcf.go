package shiftdesign

import (
	"math"
)

// mcf is a min-cost flow solver by successive shortest paths with node
// potentials (Ahuja, Magnanti, Orlin, "Network Flows", 1993, section 9.7):
// each round runs Dijkstra on reduced costs from a super source to a super
// sink and augments along the path found. Capacities and flows are float64
// holding whole numbers in the solver (exact below 2^53) and any reals in
// the lower bound. The graph is rebuilt for every solve; its slices are
// reused so that a solve allocates nothing once warm.
type mcf struct {
	n                int
	first            []int32 // first arc of each node, -1 for none
	next, to         []int32 // arc lists; arc a^1 is the reverse of a
	capa, cost, flow []float64
	supply           []float64
	// scratch for Dijkstra
	pot, dist []float64
	prev      []int32
	heap      []heapItem
	done      []bool
	// scratch for blocking flows
	level, iter, queue, path []int32
}

type heapItem struct {
	d float64
	v int32
}

const (
	flowInf = 1e15 // capacity of an uncapacitated arc
	flowEps = 1e-9
)

func (g *mcf) reset(n int) {
	g.n = n
	g.first = resize(g.first, n)
	for i := range g.first {
		g.first[i] = -1
	}
	g.supply = resizeF(g.supply, n)
	clear(g.supply)
	g.next, g.to = g.next[:0], g.to[:0]
	g.capa, g.cost, g.flow = g.capa[:0], g.cost[:0], g.flow[:0]
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func resizeF(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// addArc adds an arc u→v and returns its index (the reverse is index+1).
func (g *mcf) addArc(u, v int, capacity, cost float64) int {
	a := len(g.to)
	g.to = append(g.to, int32(v), int32(u))
	g.next = append(g.next, g.first[u], g.first[v])
	g.first[u], g.first[v] = int32(a), int32(a+1)
	g.capa = append(g.capa, capacity, 0)
	g.cost = append(g.cost, cost, -cost)
	g.flow = append(g.flow, 0, 0)
	return a
}

// solve sends every supply to the demands at least cost. negative tells
// that some arc costs are negative (then potentials start from
// Bellman-Ford). It returns the cost and whether all supply was routed.
//
// With non-negative costs it gives up as soon as the cost is sure to reach
// limit: successive shortest paths get no cheaper (Ahuja et al., lemma
// 9.11), so cost so far + remaining supply × the current path cost is a
// lower bound; then it returns that bound and aborted = true.
func (g *mcf) solve(negative bool, limit float64) (cost float64, routed, aborted bool) {
	s, t := g.n, g.n+1
	// Super source and sink as two extra nodes.
	g.first = append(g.first[:g.n], -1, -1)
	total := 0.0
	for v := 0; v < g.n; v++ {
		switch b := g.supply[v]; {
		case b > flowEps:
			g.addArc(s, v, b, 0)
			total += b
		case b < -flowEps:
			g.addArc(v, t, -b, 0)
		}
	}
	nn := g.n + 2
	g.pot = resizeF(g.pot, nn)
	g.dist = resizeF(g.dist, nn)
	g.prev = resize(g.prev, nn)
	if cap(g.done) < nn {
		g.done = make([]bool, nn)
	}
	g.done = g.done[:nn]
	clear(g.pot)
	if negative && !g.bellmanFord(nn) {
		return math.Inf(-1), false, false
	}
	for total > flowEps {
		if !g.dijkstra(s, t, nn) {
			break
		}
		if !negative {
			if lb := cost + total*(g.pot[t]-g.pot[s]); lb >= limit {
				return lb, false, true
			}
		}
		// Augment along every shortest path at once (a blocking flow on
		// the arcs of zero reduced cost), as in the primal-dual method.
		for total > flowEps && g.levels(s, t, nn) {
			copy(g.iter[:nn], g.first[:nn])
			for total > flowEps {
				pushed, c := g.augment(s, t, total)
				if pushed <= flowEps {
					break
				}
				cost += c
				total -= pushed
			}
		}
	}
	return cost, total <= flowEps, false
}

// admissible tells whether arc a has residual capacity and zero reduced
// cost under the current potentials.
func (g *mcf) admissible(a int32, u int32) bool {
	if g.capa[a]-g.flow[a] <= flowEps {
		return false
	}
	rc := g.cost[a] + g.pot[u] - g.pot[g.to[a]]
	return rc <= 1e-9*(1+math.Abs(g.cost[a]))
}

// levels runs a breadth-first search from s over admissible arcs and
// records each node's distance in arcs (Dinic's level graph); false when t
// is not reached.
func (g *mcf) levels(s, t, nn int) bool {
	g.level = resize(g.level, nn)
	g.iter = resize(g.iter, nn)
	for i := range g.level {
		g.level[i] = -1
	}
	g.level[s] = 0
	q := append(g.queue[:0], int32(s))
	for h := 0; h < len(q); h++ {
		u := q[h]
		for a := g.first[u]; a >= 0; a = g.next[a] {
			v := g.to[a]
			if g.level[v] < 0 && g.admissible(a, u) {
				g.level[v] = g.level[u] + 1
				q = append(q, v)
			}
		}
	}
	g.queue = q
	return g.level[t] >= 0
}

// augment pushes flow along one admissible level path from s to t found by
// depth-first search with current-arc pointers; it returns the amount and
// its cost (0 when no path is left).
func (g *mcf) augment(s, t int, limit float64) (float64, float64) {
	path := g.path[:0]
	u := int32(s)
	for {
		if u == int32(t) {
			push := limit
			for _, a := range path {
				if r := g.capa[a] - g.flow[a]; r < push {
					push = r
				}
			}
			c := 0.0
			for _, a := range path {
				g.flow[a] += push
				g.flow[a^1] -= push
				c += push * g.cost[a]
			}
			g.path = path
			return push, c
		}
		advanced := false
		for ; g.iter[u] >= 0; g.iter[u] = g.next[g.iter[u]] {
			a := g.iter[u]
			v := g.to[a]
			if g.level[v] == g.level[u]+1 && g.admissible(a, u) {
				path = append(path, a)
				u = v
				advanced = true
				break
			}
		}
		if advanced {
			continue
		}
		// Dead end: retreat and skip the arc that led here.
		if len(path) == 0 {
			g.path = path
			return 0, 0
		}
		g.level[u] = -1
		a := path[len(path)-1]
		path = path[:len(path)-1]
		u = g.to[a^1]
		g.iter[u] = g.next[g.iter[u]]
	}
}

// bellmanFord sets potentials to shortest distances from a virtual node
// joined to every node at cost 0, over arcs with residual capacity (SPFA),
// so that every reduced cost is non-negative; false on a negative cycle
// anywhere in the graph.
func (g *mcf) bellmanFord(nn int) bool {
	clear(g.pot[:nn])
	queue := make([]int32, 0, nn)
	inQ := g.done[:nn]
	count := make([]int, nn)
	for v := 0; v < nn; v++ {
		queue = append(queue, int32(v))
		inQ[v] = true
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		inQ[u] = false
		for a := g.first[u]; a >= 0; a = g.next[a] {
			if g.capa[a]-g.flow[a] <= flowEps {
				continue
			}
			v := g.to[a]
			if d := g.pot[u] + g.cost[a]; d < g.pot[v]-1e-12 {
				g.pot[v] = d
				if !inQ[v] {
					if count[v]++; count[v] > nn {
						return false
					}
					inQ[v] = true
					queue = append(queue, v)
				}
			}
		}
	}
	return true
}

// dijkstra finds a shortest s→t path on reduced costs, records it in prev
// and updates the potentials; false when t is unreachable.
func (g *mcf) dijkstra(s, t, nn int) bool {
	for i := 0; i < nn; i++ {
		g.dist[i] = math.Inf(1)
		g.done[i] = false
	}
	g.dist[s] = 0
	h := g.heap[:0]
	h = append(h, heapItem{0, int32(s)})
	for len(h) > 0 {
		it := h[0]
		last := len(h) - 1
		h[0] = h[last]
		h = h[:last]
		siftDown(h, 0)
		u := it.v
		if g.done[u] {
			continue
		}
		g.done[u] = true
		if int(u) == t {
			break
		}
		du := g.dist[u]
		pu := g.pot[u]
		for a := g.first[u]; a >= 0; a = g.next[a] {
			if g.capa[a]-g.flow[a] <= flowEps {
				continue
			}
			v := g.to[a]
			if g.done[v] {
				continue
			}
			rc := g.cost[a] + pu - g.pot[v]
			if rc < 0 {
				rc = 0 // rounding
			}
			if d := du + rc; d < g.dist[v] {
				g.dist[v] = d
				g.prev[v] = a
				h = append(h, heapItem{d, v})
				siftUp(h, len(h)-1)
			}
		}
	}
	g.heap = h
	if !g.done[t] {
		return false
	}
	dt := g.dist[t]
	for i := 0; i < nn; i++ {
		if d := g.dist[i]; g.done[i] && d < dt {
			g.pot[i] += d
		} else {
			g.pot[i] += dt
		}
	}
	return true
}

func siftUp(h []heapItem, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].d <= h[i].d {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []heapItem, i int) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h[r].d < h[l].d {
			m = r
		}
		if h[i].d <= h[m].d {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
