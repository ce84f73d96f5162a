package main

import (
	"collegebot/internal/college"
	"collegebot/internal/outbox"
	"collegebot/internal/telegram"
	"collegebot/messages"
	"context"
	"fmt"
)

// telegramChannel sends within Telegram's limits: about 30 messages a
// second in all, and one a second to any one chat.
func (m *Main) telegramChannel() (outbox.Channel, error) {
	s, err := telegram.NewSender(m.tgConfig())
	if err != nil {
		return outbox.Channel{}, err
	}
	m.tg = s
	return outbox.Channel{Name: college.Telegram, Sender: s, SegmentsPerSecond: 30, Burst: 30, PerAddress: 1, PerAddressBurst: 1}, nil
}

func (m *Main) tgConfig() telegram.Config {
	return telegram.Config{Token: m.cfg.Tg.Token, ServerURL: m.cfg.Tg.APIURL, Log: m.log}
}

// startTelegram sets the bot's command menu and webhook (or clears it, for
// polling), and in polling mode starts the poller.
func (m *Main) startTelegram(ctx context.Context) error {
	if m.tg == nil {
		return nil
	}
	menus := map[string]map[string]string{}
	for _, l := range m.cat.Langs() {
		menus[l] = map[string]string{}
		for _, c := range []string{"courses", "my", "help", "stop", "lang"} {
			menus[l][c] = m.cat.Text(l, "commands."+c, nil)
		}
	}
	cmds := menus[messages.Default]
	delete(menus, messages.Default)
	err := telegram.Setup(ctx, m.tg.Bot(), telegram.SetupConfig{Mode: m.cfg.Tg.Mode, PublicURL: m.cfg.PublicURL,
		Secret: m.cfg.Tg.Secret, Commands: cmds, Translations: menus})
	if err != nil {
		return fmt.Errorf("setting up the Telegram bot: %w", err)
	}
	if m.cfg.Tg.Mode == telegram.ModePolling {
		p := &telegram.Poller{Config: m.tgConfig(), Inbox: m.db, Answer: telegram.Answerer(m.tg.Bot(), m.log), Wake: m.worker.Wake,
			Observe: m.metrics.Inbound(college.Telegram)}
		m.start(func() error { return p.Run(ctx) })
	}
	return nil
}
