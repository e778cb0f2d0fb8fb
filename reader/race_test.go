//go:build race

package reader

// raceFactor widens memory bounds for the race detector's shadow memory.
const raceFactor = 3
