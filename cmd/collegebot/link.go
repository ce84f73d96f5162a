package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/telegram"
)

// linkCmd prints the Telegram link for a course: what a poster's QR code in
// a GP surgery or library carries.
func linkCmd(e env) *cobra.Command {
	var bot string
	cmd := &cobra.Command{
		Use:   "link CODE",
		Short: "Print the Telegram link (for a poster or QR code) that opens a course with a Book button",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error { return a.link(cmd.Context(), args[0], bot, e) })
		},
	}
	cmd.Flags().StringVar(&bot, "bot", "", "the bot's username (default: asked of Telegram with TELEGRAM_BOT_TOKEN)")
	return cmd
}

func (a *app) link(ctx context.Context, code, bot string, e env) error {
	var c college.Course
	err := a.db.View(ctx, func(tx college.Tx) (err error) {
		c, err = tx.Course(code)
		return err
	})
	if err != nil {
		return fmt.Errorf("no course %s: %w", code, err)
	}
	if bot == "" {
		if bot, err = a.botUsername(ctx); err != nil {
			return err
		}
	}
	url, err := telegram.DeepLink(bot, c.Code)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s\n%s\n", c.Code, c.Title, url)
	if a.cfg.SMS() {
		fmt.Fprintf(e.stdout, "By text: INFO %s to %s\n", c.Code, a.cfg.Twilio.From)
	}
	return nil
}

// botUsername asks Telegram for the bot's username.
func (a *app) botUsername(ctx context.Context) (string, error) {
	if !a.cfg.Telegram() {
		return "", fmt.Errorf("set TELEGRAM_BOT_TOKEN, or give the bot's username with --bot")
	}
	b, err := telegram.NewBot(telegram.Config{Token: a.cfg.Tg.Token, ServerURL: a.cfg.Tg.APIURL})
	if err != nil {
		return "", err
	}
	return telegram.Username(ctx, b)
}
