package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// flyConfig is the part of fly.toml collegebot relies on.
// https://fly.io/docs/reference/configuration/
type flyConfig struct {
	App           string `toml:"app"`
	PrimaryRegion string `toml:"primary_region"`
	KillSignal    string `toml:"kill_signal"`
	KillTimeout   int    `toml:"kill_timeout"` // seconds
	Build         struct {
		Dockerfile string `toml:"dockerfile"`
	} `toml:"build"`
	Env    map[string]string `toml:"env"`
	Mounts struct {
		Source      string `toml:"source"`
		Destination string `toml:"destination"`
	} `toml:"mounts"`
	Metrics struct {
		Port int    `toml:"port"`
		Path string `toml:"path"`
	} `toml:"metrics"`
	HTTPService struct {
		InternalPort       int    `toml:"internal_port"`
		ForceHTTPS         bool   `toml:"force_https"`
		AutoStopMachines   string `toml:"auto_stop_machines"`
		AutoStartMachines  bool   `toml:"auto_start_machines"`
		MinMachinesRunning int    `toml:"min_machines_running"`
		Checks             []struct {
			GracePeriod string `toml:"grace_period"`
			Interval    string `toml:"interval"`
			Method      string `toml:"method"`
			Path        string `toml:"path"`
			Timeout     string `toml:"timeout"`
		} `toml:"checks"`
	} `toml:"http_service"`
}

func readFlyToml(t *testing.T) flyConfig {
	t.Helper()
	var c flyConfig
	if _, err := toml.DecodeFile(filepath.Join("..", "..", "fly.toml"), &c); err != nil {
		t.Fatalf("fly.toml: %v", err)
	}
	return c
}

// TestFlyTomlRunsOneAlwaysOnMachine checks the settings collegebot needs
// on Fly.io: a wrong edit fails here rather than in production.
func TestFlyTomlRunsOneAlwaysOnMachine(t *testing.T) {
	c := readFlyToml(t)
	h := c.HTTPService
	checks := []struct {
		what string
		ok   bool
	}{
		{"an app name", c.App != ""},
		{`primary_region = "lhr"`, c.PrimaryRegion == "lhr"},
		{`the Dockerfile is built`, c.Build.Dockerfile == "Dockerfile"},
		{`kill_signal = "SIGTERM", which serve shuts down on`, c.KillSignal == "SIGTERM"},
		{`kill_timeout outlasts a send in flight (30 s) and Fly's 300 s limit`, c.KillTimeout > 30 && c.KillTimeout <= 300},
		{`the volume collegebot_data at /data`, c.Mounts.Source == "collegebot_data" && c.Mounts.Destination == "/data"},
		{`the database on the volume`, c.Env["COLLEGEBOT_DB"] == "/data/collegebot.db"},
		{`a memory limit for the collector under the Machine's memory`, c.Env["GOMEMLIMIT"] == "400MiB"},
		{`backups on the volume`, c.Env["COLLEGEBOT_BACKUP_DIR"] == "/data/backups"},
		{`the college's time zone`, c.Env["COLLEGEBOT_TZ"] == "Europe/London"},
		{`serve listens on internal_port`, c.Env["COLLEGEBOT_ADDR"] == ":8080" && h.InternalPort == 8080},
		{`force_https`, h.ForceHTTPS},
		{`auto_stop_machines = "off": the schedule runs in the process`, h.AutoStopMachines == "off"},
		{`auto_start_machines`, h.AutoStartMachines},
		{`min_machines_running = 1`, h.MinMachinesRunning == 1},
		{`one health check`, len(h.Checks) == 1},
		{`Fly scrapes /metrics on the private port serve gives it`, c.Metrics.Path == "/metrics" &&
			c.Env["COLLEGEBOT_METRICS_ADDR"] == fmt.Sprintf(":%d", c.Metrics.Port) && c.Metrics.Port != h.InternalPort},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("fly.toml: want %s", ch.what)
		}
	}
	if len(h.Checks) == 1 {
		hc := h.Checks[0]
		if hc.Method != "GET" || hc.Path != "/healthz" {
			t.Errorf("fly.toml: the check is %s %s, want GET /healthz", hc.Method, hc.Path)
		}
		for name, v := range map[string]string{"grace_period": hc.GracePeriod, "interval": hc.Interval, "timeout": hc.Timeout} {
			if d, err := time.ParseDuration(v); err != nil || d <= 0 {
				t.Errorf("fly.toml: the check's %s %q is not a duration such as \"10s\"", name, v)
			}
		}
	}
}

// TestFlyTomlEnvIsValidConfiguration checks that fly.toml's [env], with
// the secrets a college sets, is a configuration collegebot accepts, and
// that no secret is written in it.
func TestFlyTomlEnvIsValidConfiguration(t *testing.T) {
	c := readFlyToml(t)
	for k := range c.Env {
		if strings.HasPrefix(k, "TWILIO_") || strings.HasPrefix(k, "TELEGRAM_") {
			t.Errorf("fly.toml sets %s: secrets belong in fly secrets set", k)
		}
	}
	env := map[string]string{"TWILIO_ACCOUNT_SID": testSID, "TWILIO_AUTH_TOKEN": testToken, "TWILIO_FROM": "+447700900999",
		"COLLEGEBOT_PUBLIC_URL": "https://my-college-bot.fly.dev", "TELEGRAM_BOT_TOKEN": testBotToken,
		"TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": tgSecret}
	for k, v := range c.Env {
		env[k] = v
	}
	cfg, err := configFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("fly.toml's [env]: %v", err)
	}
	if cfg.BackupDir() != "/data/backups" || cfg.Loc.String() != "Europe/London" {
		t.Errorf("fly.toml's [env] reads as backups in %s, zone %s", cfg.BackupDir(), cfg.Loc)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "Dockerfile")); err != nil {
		t.Errorf("fly.toml builds the Dockerfile: %v", err)
	}
}
