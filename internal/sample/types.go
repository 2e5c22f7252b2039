package sample

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// typeRule is one entry of types.yaml (the schema importers.TypeRules reads).
type typeRule struct {
	typ    IssueType
	values []string // exact values, case-insensitive
	tags   []string
	match  []string // regular expressions on type, category and subject
}

// typeRules maps every label the sample files use to the canonical types.
// Order matters (the first matching rule wins): the specific gift-card and
// discount rules come first so "Gift card payment" style subjects do not
// fall into payment.
var typeRules = []typeRule{
	{typ: GiftCard,
		values: []string{freshdeskType[GiftCard], "Gift card", aircallTag[GiftCard], qianniuType[GiftCard]},
		tags:   []string{zendeskReasonTag("Gift card"), freshdeskTag[GiftCard], aircallTag[GiftCard]},
		match:  []string{`(?i)gift ?card|e-gift`}},
	{typ: DiscountCode,
		values: []string{freshdeskType[DiscountCode], "Discount code", aircallTag[DiscountCode], qianniuType[DiscountCode]},
		tags:   []string{zendeskReasonTag("Discount code"), freshdeskTag[DiscountCode], aircallTag[DiscountCode]},
		match:  []string{`(?i)discount|promo code|coupon`}},
	{typ: OrderStatus,
		values: []string{freshdeskType[OrderStatus], "Order status", aircallTag[OrderStatus], qianniuType[OrderStatus]},
		tags:   []string{zendeskReasonTag("Order status"), freshdeskTag[OrderStatus], aircallTag[OrderStatus]},
		match:  []string{`(?i)where is my order|order (\S+ )?status|status of my order|has my order shipped|waiting for order`}},
	{typ: ShippingDelivery,
		values: append([]string{freshdeskType[ShippingDelivery], "Shipping", aircallTag[ShippingDelivery], qianniuType[ShippingDelivery]},
			zendeskReasons[ShippingDelivery]...),
		tags:  append(zendeskTags(ShippingDelivery), freshdeskTag[ShippingDelivery]),
		match: []string{`(?i)tracking|deliver|parcel|package|shipping`}},
	{typ: ReturnsRefunds,
		values: append([]string{freshdeskType[ReturnsRefunds], "Returns", aircallTag[ReturnsRefunds], qianniuType[ReturnsRefunds]},
			zendeskReasons[ReturnsRefunds]...),
		tags:  append(zendeskTags(ReturnsRefunds), freshdeskTag[ReturnsRefunds]),
		match: []string{`(?i)\breturn|refund|exchange`}},
	{typ: Payment,
		values: []string{freshdeskType[Payment], "Payment", aircallTag[Payment], qianniuType[Payment]},
		tags:   []string{zendeskReasonTag("Payment"), freshdeskTag[Payment]},
		match:  []string{`(?i)charged|charge on|payment|declined|invoice`}},
	{typ: ProductQuestion,
		values: []string{freshdeskType[ProductQuestion], "Product question", aircallTag[ProductQuestion], qianniuType[ProductQuestion]},
		tags:   []string{zendeskReasonTag("Product question"), freshdeskTag[ProductQuestion], aircallTag[ProductQuestion]},
		match:  []string{`(?i)sizing|\bsize\b|\bfit\b|waterproof|restock|fabric|care instructions`}},
	{typ: Account,
		values: []string{freshdeskType[Account], "Account", aircallTag[Account], qianniuType[Account]},
		tags:   []string{zendeskReasonTag("Account"), freshdeskTag[Account]},
		match:  []string{`(?i)log ?in|password|my account|unsubscribe`}},
}

func zendeskTags(t IssueType) []string {
	var out []string
	for _, o := range zendeskReasons[t] {
		out = append(out, zendeskReasonTag(o))
	}
	return out
}

// writeTypes writes types.yaml. Strings are double-quoted YAML scalars
// (strconv.Quote output is valid YAML for the characters used here).
func writeTypes(out io.Writer) error {
	var b strings.Builder
	b.WriteString("# Issue-type rules of the Northwind Outfitters sample: the first rule that\n")
	b.WriteString("# matches a contact wins; unmatched contacts go to \"other\".\n")
	b.WriteString("# values: exact values (case-insensitive) of the export's type/category/reason field\n")
	b.WriteString("#         (Freshdesk Type, Zendesk Contact reason, Aircall tag, Qianniu 咨询类型)\n")
	b.WriteString("# tags:   any of these tags (Zendesk contact_reason_*, Freshdesk and Aircall tags)\n")
	b.WriteString("# match:  regular expressions on type, category and subject\n")
	b.WriteString("types:\n")
	list := func(key string, items []string) {
		q := make([]string, len(dedupe(items)))
		for i, s := range dedupe(items) {
			q[i] = strconv.Quote(s)
		}
		fmt.Fprintf(&b, "    %s: [%s]\n", key, strings.Join(q, ", "))
	}
	for _, r := range typeRules {
		fmt.Fprintf(&b, "  - type: %s\n", r.typ)
		list("values", r.values)
		list("tags", r.tags)
		// Regular expressions in single quotes: YAML keeps backslashes there.
		q := make([]string, len(r.match))
		for i, m := range r.match {
			q[i] = "'" + strings.ReplaceAll(m, "'", "''") + "'"
		}
		fmt.Fprintf(&b, "    match: [%s]\n", strings.Join(q, ", "))
	}
	_, err := io.WriteString(out, b.String())
	return err
}

func dedupe(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range items {
		k := strings.ToLower(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}
