package importers

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTypeCacheMatchesClassify: the cache gives Classify's answer on seeded
// random rows whose values, tags and subjects hit the rules in every way
// (values, hierarchical categories, tags, expressions on each part), and
// keeps doing so once its maps are full.
func TestTypeCacheMatchesClassify(t *testing.T) {
	rules := &TypeRules{Rules: []TypeRule{
		{Type: "gift_card", Values: []string{"Gift card"}, Match: []string{`(?i)gift ?card`}},
		{Type: "order_status", Tags: []string{"order_status"}, Match: []string{`(?i)where is my order|order \S+ status`}},
		{Type: "shipping", Values: []string{"Shipping", "Delivery"}, Match: []string{`(?i)tracking|parcel`}},
		{Type: "returns", Tags: []string{"return", "refund"}},
		{Type: "payment", Match: []string{`(?i)charged`, `declined$`}},
	}}
	if err := rules.Compile(); err != nil {
		t.Fatal(err)
	}
	types := []string{"", "Gift card", "gift CARD", "Question", "Shipping", "Incident"}
	cats := []string{"", "Shipping::Delay", "Web / Delivery", "Gift cards > Balance", "Payment", "Orders / order 12 status"}
	tags := []string{"", "vip", "order_status vip", "refund,bfcm2025", "RETURN", "vip; tracking"}
	subjects := []string{"", "Where is my order #%d?", "Charged twice for %d", "Parcel lost", "Card declined", "Gift card %d", "Hello %d"}
	rng := rand.New(rand.NewPCG(15, 1))
	for _, cacheSize := range []int{classifyCacheSize, 3} {
		c := newTypeCache(rules)
		for i := 0; i < 20000; i++ {
			typ, cat := types[rng.IntN(len(types))], cats[rng.IntN(len(cats))]
			raw := []string{tags[rng.IntN(len(tags))], tags[rng.IntN(len(tags))]}
			subject := subjects[rng.IntN(len(subjects))]
			if rng.IntN(2) == 0 {
				subject = fmt.Sprintf(subject, rng.IntN(50))
			}
			var split []string
			for _, r := range raw {
				split = append(split, SplitTags(r)...)
			}
			want := rules.Classify(typ, cat, split, subject)
			if got := c.classify(typ, cat, raw, subject); got != want {
				t.Fatalf("row %d (%q, %q, %q, %q): cache %q, Classify %q", i, typ, cat, raw, subject, got, want)
			}
			if len(c.full) > cacheSize { // a small cache stops growing
				c.full = map[string]string{}
				c.static = map[string]int{}
			}
		}
	}
}
