package report

// The sample outputs (every writer, both languages) for a person to open:
// `make report-samples` runs this and writes them into out/report-samples.
//go:generate go run ./internal/samplegen -out ../out/report-samples
