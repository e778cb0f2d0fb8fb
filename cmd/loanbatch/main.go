// Command loanbatch reads batches of loan documents: with no arguments (or
// with file paths) it opens the desktop window; its subcommands run the
// same pipeline headless. See CONTRACT.md in the repository's shared folder.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"loanbatch/worker"
)

func main() {
	attachConsole()
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		// The hidden worker reads documents for a parent loanbatch process.
		if err := worker.Run(context.Background()); err != nil {
			os.Exit(3)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
