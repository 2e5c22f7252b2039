package importers

import (
	"regexp"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// Jira Cloud / Jira Service Management "Export CSV (all fields / current
// fields)". Headers follow the exporting user's language: the aliases cover
// English, Spanish (verified on a real export), Portuguese, German and
// French. Multi-value fields repeat their header (Labels x3), so tags read
// every column of that name.
var jira = &schema{
	name: "jira", title: "Jira Cloud / Jira Service Management CSV", family: "jira",
	require: [][]string{
		{"Issue key", "Clave de incidencia", "Chave da item", "Chave do item", "Chave", "Vorgangsschlüssel", "Schlüssel", "Clé de ticket", "Clé", "Chiave"},
		{"Created", "Creada", "Criado", "Criada", "Erstellt", "Création", "Créé", "Creato"},
	},
	fields: map[Field][]string{
		FieldID:       {"Issue key", "Clave de incidencia", "Chave da item", "Chave do item", "Chave", "Vorgangsschlüssel", "Schlüssel", "Clé de ticket", "Clé", "Chiave"},
		FieldCreated:  {"Created", "Creada", "Criado", "Criada", "Erstellt", "Création", "Créé", "Creato"},
		FieldResolved: {"Resolved", "Resuelta", "Resolvido", "Resolvida", "Erledigt", "Gelöst", "Résolue", "Résolu", "Risolto"},
		FieldUpdated:  {"Updated", "Actualizada", "Atualizado", "Atualizada", "Aktualisiert", "Mise à jour", "Aggiornato"},
		FieldType:     {"Custom field (Request Type)", "Campo personalizado (Request Type)", "Benutzerdefiniertes Feld (Request Type)", "Champ personnalisé (Request Type)", "Campo personalizzato (Request Type)"},
		FieldCategory: {"Issue Type", "Tipo de Incidencia", "Tipo de item", "Tipo de ticket", "Vorgangstyp", "Type de ticket", "Tipo di ticket"},
		FieldTags:     {"Labels", "Etiquetas", "Rótulos", "Stichwörter", "Étiquettes", "Etichette"},
		FieldSubject:  {"Summary", "Resumen", "Resumo", "Zusammenfassung", "Résumé", "Riepilogo"},
		FieldStatus:   {"Status", "Estado", "État", "Stato"},
		FieldPriority: {"Priority", "Prioridad", "Prioridade", "Priorität", "Priorité", "Priorità"},
		FieldAgent:    {"Assignee", "Persona asignada", "Responsável", "Bearbeiter", "Responsable", "Assegnatario"},
		FieldChannel:  {"Custom field (Channel)", "Campo personalizado (Channel)", "Custom field (Source)", "Campo personalizado (Canal)"},
		// Jira writes time spent in seconds.
		FieldHandle: {"Time Spent", "Tiempo Trabajado", "Tempo gasto", "Benötigte Zeit", "Temps consacré", "Tempo impiegato"},
	},
	patterns: map[Field]*regexp.Regexp{
		FieldGroup: regexp.MustCompile(`^(custom field|campo personalizado|benutzerdefiniertes feld|champ personnalisé) \((team|equipo|group|grupo|queue|cola)\)$`),
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelEmail,
	handleUnit:     dates.Seconds,
	defaultOrder:   dates.DayFirst, // Jira's default format is dd/MMM/yy: when numeric dates never tell, read them day-first
}

// Halp (Atlassian's Slack ticketing, now in JSM) export: tickets raised in
// Slack channels. The "channel" column names the Slack channel, so it is
// the group, and the medium is messaging.
var halp = &schema{
	name: "halp", title: "Halp ticket export (CSV)", family: "halp",
	require: [][]string{{"id"}, {"created"}, {"First Response Time Disregarding Working Hours", "first_response"}},
	fields: map[Field][]string{
		FieldID:       {"id"},
		FieldCreated:  {"created"},
		FieldResolved: {"closed"},
		FieldType:     {"type"},
		FieldStatus:   {"status"},
		FieldAgent:    {"assignee"},
		FieldGroup:    {"channel"},
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelMessaging,
	bonus:          2,
}
