package pipeline

import "time"

// SetTextLayerTimeout shortens the in-process reader's time limit of r.
func SetTextLayerTimeout(r *Runner, d time.Duration) { r.textTimeout = d }
