package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// The ways the bot receives updates.
const (
	ModeWebhook = "webhook"
	ModePolling = "polling"
)

// SetupConfig is what Setup tells Telegram at start-up.
type SetupConfig struct {
	Mode      string // ModeWebhook or ModePolling
	PublicURL string // webhook mode: the public https base URL; the webhook is PublicURL + "/telegram/webhook"
	Secret    string // webhook mode: the secret token Telegram sends with every update
	// Commands gives the description shown in Telegram's menu for each of
	// the bot's commands, keyed by name without the slash: courses, my,
	// help and stop, and lang when described. The words come from the
	// message catalog.
	Commands map[string]string
	// Translations gives the menu in other languages, by language code
	// ("cy"): Telegram shows it to users whose app is set to the language.
	Translations map[string]map[string]string
}

// menuCommands returns the commands in Telegram's menu, in their order.
func menuCommands() []string { return []string{"courses", "my", "help", "stop", "lang"} }

// optionalCommand reports whether a command is left out of the menu when
// it has no description.
func optionalCommand(name string) bool { return name == "lang" }

// Setup tells Telegram the bot's commands and how to deliver updates: to
// the webhook, or held for getUpdates (which works only with no webhook
// set). Updates waiting at Telegram are kept either way. It checks cfg
// before making any call.
func Setup(ctx context.Context, b *tgbot.Bot, cfg SetupConfig) error {
	commands, err := menu(cfg.Commands)
	if err != nil {
		return err
	}
	translated, err := translatedMenus(cfg.Translations)
	if err != nil {
		return err
	}
	if err := checkMode(cfg); err != nil {
		return err
	}
	// https://core.telegram.org/bots/api#setmycommands
	if _, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: commands}); err != nil {
		return fmt.Errorf("telegram: setting the bot's commands: %w", err)
	}
	if err := setTranslations(ctx, b, translated); err != nil {
		return err
	}
	if cfg.Mode == ModePolling {
		// https://core.telegram.org/bots/api#deletewebhook
		if _, err := b.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{DropPendingUpdates: false}); err != nil {
			return fmt.Errorf("telegram: deleting the webhook for polling: %w", err)
		}
		return nil
	}
	// https://core.telegram.org/bots/api#setwebhook
	_, err = b.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL:                strings.TrimRight(cfg.PublicURL, "/") + "/telegram/webhook",
		SecretToken:        cfg.Secret,
		AllowedUpdates:     allowedUpdates(),
		DropPendingUpdates: false,
	})
	if err != nil {
		return fmt.Errorf("telegram: setting the webhook: %w", err)
	}
	return nil
}

// menu returns the bot's commands with their descriptions, checking that
// each has one.
func menu(descriptions map[string]string) ([]models.BotCommand, error) {
	var commands []models.BotCommand
	for _, name := range menuCommands() {
		d := strings.TrimSpace(descriptions[name])
		if d == "" && optionalCommand(name) {
			continue
		}
		if d == "" || len(d) > 256 {
			return nil, fmt.Errorf("telegram: the /%s command needs a description of 1 to 256 characters", name)
		}
		commands = append(commands, models.BotCommand{Command: name, Description: d})
	}
	return commands, nil
}

// translatedMenus returns the menu in each other language, checking
// each as menu does.
func translatedMenus(translations map[string]map[string]string) (map[string][]models.BotCommand, error) {
	menus := make(map[string][]models.BotCommand, len(translations))
	for lang, descriptions := range translations {
		commands, err := menu(descriptions)
		if err != nil {
			return nil, fmt.Errorf("%w (%s)", err, lang)
		}
		menus[lang] = commands
	}
	return menus, nil
}

// setTranslations sets the menu in each other language, for users whose
// app is set to it.
func setTranslations(ctx context.Context, b *tgbot.Bot, menus map[string][]models.BotCommand) error {
	for lang, commands := range menus {
		// https://core.telegram.org/bots/api#setmycommands
		_, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: commands, LanguageCode: lang})
		if err != nil {
			return fmt.Errorf("telegram: setting the bot's commands in %s: %w", lang, err)
		}
	}
	return nil
}

// checkMode reports what is missing for the mode: webhook mode needs the
// public https URL Telegram will call and the secret it will send.
func checkMode(cfg SetupConfig) error {
	switch cfg.Mode {
	case ModePolling:
		return nil
	case ModeWebhook:
	default:
		return fmt.Errorf("telegram: mode %q is neither %s nor %s", cfg.Mode, ModeWebhook, ModePolling)
	}
	u, err := url.Parse(cfg.PublicURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("telegram: webhook mode needs a public https URL, not %q", cfg.PublicURL)
	}
	if !validSecret(cfg.Secret) {
		return errors.New("telegram: webhook mode needs a secret of 1 to 256 of A-Z, a-z, 0-9, _ and -")
	}
	return nil
}

// validSecret reports whether s can be a webhook's secret token.
func validSecret(s string) bool {
	return s != "" && len(s) <= 256 && tokenChars(s)
}

// DeepLink returns the link that opens a chat with the bot at a course's
// details, for posters and QR codes: https://t.me/<bot>?start=c_<CODE>.
// https://core.telegram.org/bots/features#deep-linking
func DeepLink(botUsername, code string) (string, error) {
	bot := strings.TrimPrefix(botUsername, "@")
	if len(bot) < 5 || len(bot) > 32 || !commandName(bot) {
		return "", fmt.Errorf("telegram: %q is not a bot's username", botUsername)
	}
	payload := courseLinkPrefix + code
	if code == "" || !validPayload(payload) {
		return "", fmt.Errorf("telegram: course code %q cannot go in a link: it must be at most %d of A-Z, a-z, 0-9, _ and -",
			code, maxPayload-len(courseLinkPrefix))
	}
	return "https://t.me/" + bot + "?start=" + payload, nil
}

// Username returns the bot's username, for deep links.
func Username(ctx context.Context, b *tgbot.Bot) (string, error) {
	// https://core.telegram.org/bots/api#getme
	me, err := b.GetMe(ctx)
	if err != nil {
		return "", fmt.Errorf("telegram: asking for the bot's username: %w", err)
	}
	if me.Username == "" {
		return "", errors.New("telegram: getMe gave no username")
	}
	return me.Username, nil
}
