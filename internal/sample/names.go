package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Fake people. Every name and address is invented; e-mail addresses use the
// reserved example.com/.net/.org domains (RFC 2606).
var (
	firstNames = []string{
		"Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
		"Mia", "Mason", "Amelia", "Ethan", "Harper", "Logan", "Evelyn", "Aiden", "Abigail", "Jackson",
		"Emily", "Sebastian", "Ella", "Mateo", "Chloe", "Daniel", "Grace", "Henry", "Zoe", "Owen",
		"Priya", "Wei", "Fatima", "Diego", "Aisha", "Kenji", "Sofia", "Omar", "Hana", "Luis",
	}
	lastNames = []string{
		"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
		"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
		"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
		"O'Brien", "Nguyen", "Patel", "Kim", "Chen", "Okafor", "Muller", "Rossi", "Kowalski", "Haddad",
	}
	emailDomains = []string{"example.com", "example.net", "example.org"}

	// webAgents work all year; seasonalAgents are holiday temps (November 10
	// to December 31).
	webAgents = []string{
		"Maria Alvarez", "Josh Bennett", "Keisha Brooks", "Tom Carter", "Ana Costa", "Ryan Doyle",
		"Nadia Farouk", "Sam Fisher", "Grace Hall", "Kevin Ito", "Laura Jensen", "Marcus Reed",
		"Nina Petrova", "Carlos Ruiz", "Jade Sato", "Ben Walsh", "Tara Young", "Victor Zhou",
	}
	seasonalAgents = []string{
		"Temp - Alex Park", "Temp - Bella Cruz", "Temp - Chris Dunn", "Temp - Dana Ellis",
		"Temp - Eli Ford", "Temp - Fiona Gray",
	}
	// Tmall agents appear as "<shop>:<agent>" in Qianniu exports.
	tmallShop       = "北风服饰官方旗舰店"
	tmallAgents     = []string{"小雨", "小美", "阿杰", "小林", "晓晓", "小周", "大伟", "思思", "小陈", "文文"}
	tmallTempAgents = []string{"双十一支援01", "双十一支援02", "双十一支援03", "双十一支援04", "双十一支援05", "双十一支援06"}
	buyerNickParts  = []string{"快乐的", "爱购物的", "小", "阿", "大", "甜甜", "北方", "南方", "开心", "安静的"}
	buyerNickTails  = []string{"猫咪", "兔子", "星星", "月亮", "小鱼", "柠檬", "西瓜", "冬瓜", "豆豆", "晴天"}
)

// person is a fake customer derived from a pool index, so a repeat customer
// keeps the same name, e-mail and ids.
type person struct {
	first, last, name, email string
	id                       int64
}

// webPerson returns customer i of the web store. About 1 in 400 has a name
// that starts with "=" or "+" (typed into a form that way): exports must
// keep it as text.
func webPerson(seed uint64, i int32) person {
	h := splitmix64(seed ^ uint64(i)*0x9e3779b97f4a7c15)
	first := firstNames[h%uint64(len(firstNames))]
	last := lastNames[(h>>8)%uint64(len(lastNames))]
	name := first + " " + last
	switch (h >> 20) % 400 {
	case 0:
		name = "=" + name
	case 1:
		name = "+" + first + " " + last
	}
	local := strings.ToLower(strings.ReplaceAll(first+"."+last, "'", ""))
	if n := (h >> 32) % 5; n > 0 {
		local += fmt.Sprint((h >> 40) % 1000)
	}
	return person{
		first: first, last: last, name: name,
		email: local + "@" + emailDomains[(h>>16)%uint64(len(emailDomains))],
		id:    int64(i) + 80000001,
	}
}

// buyerNick returns the Taobao nickname of Tmall customer i: a Chinese
// nickname, a tb-number or a masked nick (t**8), as exports show them.
func buyerNick(seed uint64, i int32) string {
	h := splitmix64(seed ^ uint64(i)*0xd1b54a32d192ed03)
	switch h % 10 {
	case 0, 1, 2:
		return fmt.Sprintf("tb%08d", (h>>8)%100000000)
	case 3:
		return fmt.Sprintf("t**%d", (h>>8)%10)
	}
	return buyerNickParts[(h>>8)%uint64(len(buyerNickParts))] + buyerNickTails[(h>>16)%uint64(len(buyerNickTails))] +
		fmt.Sprint((h>>24)%100)
}

// subjects per issue type. Some contain commas and quotes, a few start with
// "=" or "+" (formula-looking text that must survive a spreadsheet). Each
// subject mentions only its own type, so the regular expressions of
// types.yaml classify it correctly or not at all (tested).
var subjects = [NumTypes][]string{
	OrderStatus: {
		"Where is my order?", "Where is my order #%s?", "Order %s status", "Still waiting for order %s, any update?",
		"Has my order shipped yet?", "Status of my order", "where is my order??",
	},
	ShippingDelivery: {
		"Package marked delivered but not received", "Tracking number not updating", "Shipping delay on order %s",
		"Change delivery address for %s", `Parcel "lost in transit"?`, "Delivery came damaged, box crushed",
	},
	ReturnsRefunds: {
		"Return request for order %s", "Refund not received yet", `How do I return the "Alpine Fleece" jacket?`,
		"Exchange for a different size", "Return label, please", "+ Refund still missing",
	},
	Payment: {
		"Charged twice for order %s", "Payment declined", "+$12.99 extra charge on my statement", "PayPal payment failed",
		"Invoice request for %s", "Card charged, but no confirmation",
	},
	ProductQuestion: {
		`Is the "Harbor Parka" waterproof?`, "Sizing question: Trail Runner, 9 or 10?", "Restock date for merino socks",
		"Fabric care instructions", "Which fit runs small, slim or regular?",
	},
	GiftCard: {
		"Gift card balance", "Gift card not working at checkout", "Didn't receive my e-gift card",
		"Gift card code invalid?", "Lost gift card, can you reissue it?",
	},
	Account: {
		"Can't log in", "Reset password link expired", "Delete my account", "Change email address on my account",
		"Unsubscribe me, please",
	},
	DiscountCode: {
		"Discount code not working", `Promo code "SAVE30" invalid`, "Black Friday discount not applied",
		"=Discount applied twice?", "Coupon expired, can you extend it?",
	},
}

// descriptions per issue type: first lines of the customer's message.
var descriptions = [NumTypes][]string{
	OrderStatus: {
		"I placed order %s last week and haven't heard anything since.",
		"Hi, my order %s still says processing. Can you check?",
	},
	ShippingDelivery: {
		"The tracking for %s hasn't moved in 4 days.",
		"UPS says delivered, but nothing at my door. Order %s.",
	},
	ReturnsRefunds: {
		"I'd like to return two items from order %s, they don't fit.",
		"I sent the return back 2 weeks ago, still no refund for %s.",
	},
	Payment: {
		"My card was charged twice for %s.",
		"Checkout keeps saying payment declined, but my bank says it's fine.",
	},
	ProductQuestion: {
		"Does this jacket run true to size? I'm usually a medium.",
		"Is the parka OK for -10°C?",
	},
	GiftCard: {
		"I bought a $100 gift card for my sister and she never got the e-mail.",
		"The gift card code says invalid at checkout.",
	},
	Account: {
		"I can't log in, the reset link doesn't arrive.",
		"Please update the e-mail on my account.",
	},
	DiscountCode: {
		"The code from your newsletter doesn't work on sale items?",
		"I used the Black Friday code but the discount is missing on %s.",
	},
}

// orderNumber formats a web order number.
func orderNumber(n int) string { return fmt.Sprintf("NW-%06d", n%1000000) }

// fill replaces one %s in a template with arg (templates have zero or one).
func fill(tmpl, arg string) string {
	if strings.Contains(tmpl, "%s") {
		return fmt.Sprintf(tmpl, arg)
	}
	return tmpl
}

// description builds a message body: one line, or a greeting, the message
// and a signature on several lines.
func description(r *rand.Rand, t IssueType, order string, p person) string {
	msg := fill(descriptions[t][r.IntN(len(descriptions[t]))], order)
	if chance(r, 0.4) {
		return msg
	}
	return "Hi,\n\n" + msg + "\n\nThanks,\n" + p.first
}
