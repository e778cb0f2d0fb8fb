//go:build race

package reader

// raceFactor widens time and memory bounds for the race detector, whose
// shadow memory makes a Go program use 5–10 times its memory (Go's race
// detector documentation); measured here: 130 MB without, 630–920 MB with
// it for the worst hostile PDF. make test also runs the hostile PDFs
// without the detector, against the bound itself.
const raceFactor = 5
