# collegebot: a static binary on a distroless base. Built by fly deploy
# (fly.toml) or: docker build -t collegebot .
# Every build step is the same as on a developer's machine; see
# README, "Deploy on Fly.io".

# Build stage: the Go toolchain, thrown away after.
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so a code change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# CGO off: the SQLite driver is pure Go, so the binary is static and runs
# on an image with no C library. The zone database is compiled in by
# main.go's import of time/tzdata (rather than -tags timetzdata here), so
# every build of collegebot has it, not only this one: COLLEGEBOT_TZ loads
# even where /usr/share/zoneinfo is missing. -trimpath leaves the build
# machine's paths out; -s -w drops the symbol tables (about a third of the
# size; panics still print file and line).
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/collegebot ./cmd/collegebot

# Run stage: distroless static, which has what a static Go binary needs
# and nothing else (no shell, no package manager): CA certificates to
# reach Twilio and Telegram over HTTPS, /etc/passwd with a nonroot user,
# and /tmp. scratch would need all three copied in by hand.
FROM gcr.io/distroless/static-debian12:nonroot
# On the PATH, so fly ssh console -C "collegebot doctor" finds it.
COPY --from=build /out/collegebot /usr/local/bin/collegebot
# nonroot (65532), by number so that any runtime can check it is not root.
# Fly.io formats a new volume owned by the image's user, so /data is
# writable by it.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/collegebot"]
CMD ["serve"]
