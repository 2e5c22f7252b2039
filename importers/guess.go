package importers

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// Header guessing. A file no format fits is not read blindly: each column
// is scored for each field by its name (in the languages the date parser
// reads: English, Spanish, Portuguese, German, French, Italian, Dutch,
// Chinese) and by its first values (dates, a time of day on its own, ids,
// a short list of categories, channel words, durations). When the created
// column is clear the file is read with the map the scores give, and the
// map is printed as a --map string to check and keep; when it is not, the
// import fails as before and the error shows the best guess to copy.

// guessRule says how a field is recognised.
type guessRule struct {
	field Field
	// exact are whole (normalized) names, preferred first; words are parts
	// of a name.
	exact, words []string
	// content tests the sampled values; a column whose values fail is not
	// taken, whatever its name. nil: any values.
	content func(g *guesser, col int) bool
	// byContent lets a column be taken on its values alone, without a
	// name that says so.
	byContent bool
}

// guessRules are tried in order: a column taken by one field is not
// offered to the next.
var guessRules = []guessRule{
	{field: FieldCreated,
		exact: []string{"created", "created at", "created date", "creation date", "date created", "opened", "opened at", "date opened", "open date",
			"date", "datetime", "date time", "timestamp", "start", "started at", "start time", "received", "received at", "call date", "date of call",
			"fecha", "fecha de creación", "fecha creación", "creada", "creado", "data", "data de criação", "data de abertura", "datum", "erstellt", "erstellt am",
			"date de création", "créé", "créé le", "data creazione", "data di creazione", "aangemaakt", "aangemaakt op", "datum aangemaakt",
			"日期", "创建时间", "创建日期", "时间", "开始时间", "进线时间"},
		words:   []string{"created", "creat", "opened", "date", "fecha", "datum", "data", "日期", "时间", "received", "start"},
		content: (*guesser).dates},
	{field: FieldTime,
		exact:   []string{"time", "hour", "time of day", "call time", "hora", "uhrzeit", "zeit", "heure", "ora", "tijd", "时间", "时刻"},
		words:   []string{"time", "hora", "uhrzeit", "heure", "时间"},
		content: (*guesser).clocks},
	{field: FieldResolved,
		exact: []string{"resolved", "resolved at", "solved", "solved at", "resolution date", "closed", "closed at", "date closed", "close date", "end", "ended at",
			"resuelto", "fecha de resolución", "resolvido", "gelöst", "résolu", "risolto", "opgelost", "解决时间", "关闭时间", "结束时间"},
		words:   []string{"resolved", "solved", "closed", "resuel", "resolv", "解决", "关闭"},
		content: (*guesser).dates},
	{field: FieldID,
		exact: []string{"id", "ticket id", "ticket #", "ticket number", "ticket", "case number", "case id", "call id", "number", "#", "no", "no.", "nr", "key",
			"número", "nº", "nummer", "numéro", "numero", "编号", "单号", "工单号", "会话id",
			// the ticket number in the languages the dates are read in
			"número de ticket", "número del ticket", "número do ticket", "nº do ticket", "id de ticket", "id del ticket", "id do ticket",
			"numéro du ticket", "numéro de ticket", "n° de ticket", "n° du ticket", "n° ticket", "no de ticket", "id du ticket", "id ticket", "identifiant",
			"numero ticket", "numero del ticket", "numero di ticket",
			"ticketnummer", "ticket nr", "ticket nr.", "ticket-nr", "ticket-nr.", "ticketnr", "ticket id", "vorgangsnummer", "fallnummer", "zaaknummer", "meldingnummer"},
		words:   []string{" id", "id ", "#", "number", "nummer", "número", "numéro", "numero", " nr", "n°", "nº", "编号"},
		content: (*guesser).ids, byContent: false},
	{field: FieldChannel,
		exact: []string{"channel", "received via", "via", "source", "medium", "origin", "contact type", "contact channel", "media type",
			"canal", "origen", "kanal", "canale", "kanaal", "渠道", "来源",
			"canal de contact", "canal de contacto", "canal de entrada", "canal de atendimento", "canale di contatto", "kontaktkanal", "eingangskanal", "contactkanaal", "origem", "origine", "herkunft", "bron"},
		words:   []string{"channel", "via", "source", "canal", "kanal", "kanaal", "渠道"},
		content: (*guesser).channelWords, byContent: true},
	{field: FieldType,
		exact: []string{"type", "issue type", "topic", "category", "reason", "contact reason", "issue", "request type", "customer complaint", "complaint",
			"tipo", "categoría", "motivo", "tema", "categoria", "assunto", "typ", "kategorie", "thema", "grund", "catégorie", "motif", "sujet", "onderwerp", "categorie",
			"类型", "问题类型", "分类", "咨询类型"},
		words:   []string{"type", "topic", "category", "reason", "complaint", "tipo", "categor", "motivo", "kategorie", "类型", "分类"},
		content: (*guesser).categories},
	{field: FieldSubject,
		exact: []string{"subject", "summary", "description", "title", "customer complaint", "complaint", "asunto", "resumen", "descripción", "betreff",
			"beschreibung", "objet", "oggetto", "onderwerp", "主题", "描述"},
		words: []string{"subject", "summary", "descri", "complaint"}},
	{field: FieldStatus,
		exact: []string{"status", "ticket status", "state", "estado", "situação", "zustand", "statut", "stato", "状态"},
		words: []string{"status", "estado", "状态"}, content: (*guesser).categories},
	{field: FieldPriority,
		exact: []string{"priority", "prioridad", "prioridade", "priorität", "priorité", "priorità", "prioriteit", "优先级"},
		words: []string{"priorit", "优先"}, content: (*guesser).categories},
	{field: FieldAgent,
		exact: []string{"agent", "agent name", "assignee", "assigned to", "owner", "handled by", "answered by", "agente", "atendente", "bearbeiter", "agent assigné",
			"operatore", "medewerker", "客服", "坐席", "处理人"},
		words: []string{"agent", "assignee", "assigned", "owner", "客服"}, content: (*guesser).categories},
	{field: FieldGroup,
		exact: []string{"group", "team", "queue", "department", "skill", "grupo", "equipo", "cola", "gruppe", "équipe", "file", "gruppo", "groep", "组", "队列", "技能组"},
		words: []string{"group", "team", "queue", "department", "grupo", "队列"}, content: (*guesser).categories},
	{field: FieldHandle,
		exact: []string{"handle time", "handling time", "talk time", "talk duration", "avgtalkduration", "avg talk duration", "call duration", "duration", "aht",
			"duración", "duração", "dauer", "durée", "durata", "duur", "通话时长", "时长", "处理时长"},
		words:   []string{"talk", "handl", "duration", "durac", "dauer", "durée", "时长"},
		content: (*guesser).durations},
}

// guessChannelWords are values that name a channel: a column of them is
// the channel whatever its name.
var guessChannelWords = []string{"phone", "call", "voice", "email", "e-mail", "mail", "chat", "web", "internet", "online", "portal", "form", "sms", "whatsapp",
	"social", "facebook", "twitter", "instagram", "messag", "teléfono", "telefone", "telefon", "téléphone", "correo", "电话", "邮件", "在线", "微信",
	// the other European languages' words for them
	"telefoo", "telefonisch", "llamada", "ligação", "chamada", "appel", "anruf", "chiamata", "oproep", "courriel", "correio", "posta", "formul"}

// guesser holds a header and its sampled values.
type guesser struct {
	h      *Header
	serial bool
}

// values are the non-empty sampled values of a column.
func (g *guesser) values(col int) []string {
	var out []string
	for _, row := range g.h.Sample {
		if col < len(row) {
			if v := CleanValue(row[col]); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// most reports whether at least 80% of the sampled values pass, and at
// least one does.
func (g *guesser) most(col int, ok func(string) bool) bool {
	vs := g.values(col)
	good := 0
	for _, v := range vs {
		if ok(v) {
			good++
		}
	}
	return good > 0 && good*5 >= len(vs)*4
}

func (g *guesser) dates(col int) bool {
	return g.most(col, func(v string) bool {
		c := dates.NewColumn(dates.Options{Serial: g.serial})
		_, err := c.Parse(0, v)
		return err == nil
	})
}

func (g *guesser) clocks(col int) bool {
	return g.most(col, func(v string) bool {
		if g.serial && !strings.Contains(v, ":") {
			// an Excel time alone is a fraction of a day
			x, err := strconv.ParseFloat(v, 64)
			return err == nil && x >= 0 && x < 1
		}
		_, err := dates.ReadClock(v, false)
		return err == nil
	})
}

func (g *guesser) durations(col int) bool {
	return g.most(col, func(v string) bool {
		_, err := dates.ReadDuration(v, dates.Seconds, g.serial)
		return err == nil
	})
}

// ids are mostly distinct values with a digit.
func (g *guesser) ids(col int) bool {
	vs := g.values(col)
	seen := map[string]bool{}
	digits := 0
	for _, v := range vs {
		seen[v] = true
		if strings.ContainsAny(v, "0123456789") {
			digits++
		}
	}
	return len(vs) > 0 && digits*5 >= len(vs)*4 && len(seen)*10 >= len(vs)*7
}

// categories are short values that repeat: a handful of labels, not free
// text or ids.
func (g *guesser) categories(col int) bool {
	vs := g.values(col)
	if len(vs) == 0 {
		return false
	}
	seen := map[string]bool{}
	long := 0
	for _, v := range vs {
		seen[v] = true
		if len([]rune(v)) > 40 {
			long++
		}
	}
	return long*5 < len(vs) && (len(seen) < len(vs) || len(vs) < 4) && len(seen) <= 30
}

func (g *guesser) channelWords(col int) bool {
	return g.categories(col) && g.most(col, func(v string) bool {
		l := strings.ToLower(v)
		for _, w := range guessChannelWords {
			if strings.Contains(l, w) {
				return true
			}
		}
		return false
	})
}

// nameScore rates how well a column's name says the field: 3 for a whole
// name (a little more for the rule's earlier names), 2 for a word in it, 0
// for nothing.
func nameScore(r guessRule, norm string) float64 {
	for i, e := range r.exact {
		if NormalizeHeader(e) == norm {
			return 3 + float64(len(r.exact)-i)/1000
		}
	}
	padded := " " + norm + " "
	for _, w := range r.words {
		if strings.Contains(padded, w) {
			return 2
		}
	}
	return 0
}

// Guess is the map the header guesser proposes for a file no format fits.
type Guess struct {
	Spec *MapSpec
	// Clear is true when the created column is beyond doubt: the file can
	// be read with Spec (a warning shows the map).
	Clear bool
	// Why says what left it unclear.
	Why string
}

// GuessMap scores the columns of a header (and its sampled rows) for each
// field and returns the best map. serial says the values come from XLSX
// (numbers may be Excel dates and times).
func GuessMap(h *Header, serial bool) Guess {
	g := &guesser{h: h, serial: serial}
	spec := &MapSpec{Columns: map[Field][]string{}}
	taken := map[int]bool{}
	var why string
	for _, r := range guessRules {
		type cand struct {
			col   int
			score float64
		}
		var cs []cand
		for i, n := range h.Norm {
			if taken[i] || strings.TrimSpace(h.Raw[i]) == "" {
				continue
			}
			s := nameScore(r, n)
			if s == 0 && !r.byContent {
				continue
			}
			if r.content != nil && !r.content(g, i) {
				continue
			}
			if s == 0 {
				s = 1
			}
			cs = append(cs, cand{i, s})
		}
		if len(cs) == 0 {
			continue
		}
		sort.SliceStable(cs, func(a, b int) bool { return cs[a].score > cs[b].score })
		if r.field == FieldCreated && len(cs) > 1 && cs[0].score-cs[1].score < 0.5 {
			why = fmt.Sprintf("the columns %q and %q could each be the created time", h.Raw[cs[0].col], h.Raw[cs[1].col])
		}
		best := cs[0].col
		taken[best] = true
		spec.Columns[r.field] = []string{strings.TrimSpace(h.Raw[best])}
	}
	// A time column is only wanted next to a created column of dates
	// without their time of day.
	if len(spec.Columns[FieldTime]) > 0 && !g.dateOnly(spec.Columns[FieldCreated]) {
		delete(spec.Columns, FieldTime)
	}
	if len(spec.Columns[FieldChannel]) == 0 {
		spec.DefaultChannel = g.impliedChannel()
	}
	if len(spec.Columns[FieldCreated]) == 0 {
		return Guess{Spec: spec, Why: "no column holds dates"}
	}
	return Guess{Spec: spec, Clear: why == "", Why: why}
}

// dateOnly reports whether the sampled values of the named column are
// dates without a time of day.
func (g *guesser) dateOnly(names []string) bool {
	if len(names) == 0 {
		return false
	}
	for _, i := range g.h.Index(names[0]) {
		return g.most(i, func(v string) bool {
			r, err := dates.NewColumn(dates.Options{Serial: g.serial}).Parse(0, v)
			return err == nil && (r.DateOnly || r.Pending && !strings.Contains(v, ":"))
		})
	}
	return false
}

// impliedChannel is the channel a file without a channel column speaks
// of: a call log (Call Id, Talk time, Answered) is phone.
func (g *guesser) impliedChannel() Channel {
	for _, n := range g.h.Norm {
		for _, w := range []string{"call", "talk", "answered", "ring", "通话", "来电"} {
			if strings.Contains(n, w) {
				return ChannelPhone
			}
		}
	}
	for _, n := range g.h.Norm {
		for _, w := range []string{"chat", "conversation", "会话"} {
			if strings.Contains(n, w) {
				return ChannelChat
			}
		}
	}
	return ""
}

// String writes the map in the --map syntax, fields in their order,
// columns quoted when they need it.
func (m *MapSpec) String() string {
	var parts []string
	fields := make([]Field, 0, len(m.Columns))
	for f := range m.Columns {
		fields = append(fields, f)
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i] < fields[j] })
	for _, f := range fields {
		for _, c := range m.Columns[f] {
			parts = append(parts, f.String()+"="+quoteMapValue(c))
		}
	}
	if m.DefaultChannel != "" {
		parts = append(parts, "default_channel="+string(m.DefaultChannel))
	}
	if m.DateOrder != dates.OrderUnknown {
		parts = append(parts, "date_order="+orderName(m.DateOrder))
	}
	return strings.Join(parts, ",")
}

// Pairs are the map as plan keys: field (or setting) -> column (or value).
func (m *MapSpec) Pairs() map[string]string {
	out := map[string]string{}
	for f, cols := range m.Columns {
		if len(cols) > 0 {
			out[f.String()] = cols[0]
		}
	}
	if m.DefaultChannel != "" {
		out["default_channel"] = string(m.DefaultChannel)
	}
	if m.DateOrder != dates.OrderUnknown {
		out["date_order"] = orderName(m.DateOrder)
	}
	return out
}

func orderName(o dates.Order) string {
	switch o {
	case dates.DayFirst:
		return "dmy"
	case dates.MonthFirst:
		return "mdy"
	}
	return o.String()
}

func quoteMapValue(s string) string {
	if s != "" && !strings.ContainsAny(s, ` ,="'#`) {
		return s
	}
	return `"` + s + `"`
}
