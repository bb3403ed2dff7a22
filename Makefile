# enrolld: the two set-up commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
PYTHON ?= python3
# `make install` builds release binaries; CONFIGURATION=debug reuses the test build.
CONFIGURATION ?= release
PREFIX ?= /usr
DESTDIR ?=
BIN = $(shell $(SWIFT) build -c $(CONFIGURATION) --show-bin-path 2>/dev/null)

.PHONY: all deps build demo test test-swift test-system install clean soak fuzz

all: build

deps:
	scripts/install-deps build

build: deps
	$(SWIFT) build

# Runs the daemon in the foreground on config/demo.yaml: state under ./.demo/, loopback only.
demo: build
	@mkdir -p .demo
	@echo
	@echo "  enrolld demo: kiosk page  http://127.0.0.1:8470/  (add an operator first, see below)"
	@echo "                API socket  $(CURDIR)/.demo/run/api.sock"
	@echo "                status      .build/debug/enrollctl status --socket .demo/run/api.sock"
	@echo "                readers     .build/debug/enrollctl devices --socket .demo/run/api.sock"
	@echo "                self-test   .build/debug/enrollctl reader test --socket .demo/run/api.sock --save /tmp/finger.png"
	@echo "                  and then, in a third terminal, put a finger on the virtual reader:"
	@echo "                            .build/debug/enrollctl demo present --synthetic 1 --socket .demo/run/api.sock"
	@echo "                            (or a 500 ppi PNG/TIFF, e.g. ../shared/fixtures/fvc2002/FVC2002_DB1_B/101_1.tif)"
	@echo "                camera      .build/debug/enrollctl camera test --socket .demo/run/api.sock --save still.jpg"
	@echo "                            (a VirtualCamera of generated images stands in when no camera is attached)"
	@echo "                operator    .build/debug/enrollctl operators add demo --role supervisor --socket .demo/run/api.sock"
	@echo "                            (then log in on the kiosk page with id demo and that PIN; docs/sessions.md)"
	@echo "                stop        Ctrl-C"
	@echo
	@# enroll-ingest on 127.0.0.1:8471 with demo certificates and keys under .demo/, and
	@# enrolld on .demo/enrolld.yaml (config/demo.yaml + central:) syncing to it.
	exec scripts/run-demo

test: test-swift test-system

test-swift:
	scripts/install-deps test
	$(SWIFT) build --build-tests
	$(SWIFT) test

# The unit, udev rules, install layout and the vivid VM, with real systemd, udev and qemu.
test-system:
	scripts/install-deps test
	$(PYTHON) -m pytest -q -rs Tests/system

# 200 enroll + identify cycles on libfprint's virtual_image reader; prints RSS (not part of `make test`).
# The libFuzzer targets for 10 million inputs each (make test runs them briefly).
fuzz:
	scripts/install-deps test
	scripts/fuzz 10000000

soak: build
	scripts/soak-fingerprint 200

install:
	$(SWIFT) build -c $(CONFIGURATION)
	install -D -m 0755 $(BIN)/enrolld $(DESTDIR)$(PREFIX)/sbin/enrolld
	install -D -m 0755 $(BIN)/enrollctl $(DESTDIR)$(PREFIX)/bin/enrollctl
	@# Tab completion of enrollctl's commands and options for technicians (bash-completion
	@# loads it on first use); written by the binary itself, so it never falls behind.
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	$(BIN)/enrollctl --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/enrollctl
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's|/usr/sbin/enrolld|$(PREFIX)/sbin/enrolld|' systemd/enrolld.service > $(DESTDIR)$(PREFIX)/lib/systemd/system/enrolld.service
	install -D -m 0644 systemd/enrolld.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/enrolld.conf
	install -D -m 0644 systemd/enrolld.catalog $(DESTDIR)$(PREFIX)/lib/systemd/catalog/enrolld.catalog
	install -D -m 0644 systemd/enrolld-modules.conf $(DESTDIR)$(PREFIX)/lib/modules-load.d/enrolld.conf
	install -D -m 0644 udev/71-enrolld.rules $(DESTDIR)$(PREFIX)/lib/udev/rules.d/71-enrolld.rules
	install -D -m 0644 config/enrolld.yaml $(DESTDIR)$(PREFIX)/share/doc/enrolld/enrolld.yaml
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/enrolld/README.md
	@# The kiosk web UI (api.kiosk_directory): static files only, read by the daemon at start-up.
	cd ui/kiosk && find . -type f ! -name '.*' -exec install -D -m 0644 {} $(DESTDIR)$(PREFIX)/share/enrolld/kiosk/{} \;
	@# The shipped consent texts by version (session.consent_directory); a centre's own go
	@# in /etc/enrolld/consent under versions of their own.
	cd config/consent && find . -type f ! -name '.*' -exec install -D -m 0644 {} $(DESTDIR)$(PREFIX)/share/enrolld/consent/{} \;
	@# A technician's /etc/enrolld/enrolld.yaml is never overwritten. It holds the station
	@# key (access.station_token): readable by root and the daemon's group only.
	test -e $(DESTDIR)/etc/enrolld/enrolld.yaml || install -D -m 0640 config/enrolld.yaml $(DESTDIR)/etc/enrolld/enrolld.yaml
	@if [ -z "$(DESTDIR)" ]; then \
		systemd-sysusers $(PREFIX)/lib/sysusers.d/enrolld.conf; \
		chgrp enrolld /etc/enrolld/enrolld.yaml; \
		journalctl --update-catalog || true; \
		udevadm control --reload 2>/dev/null || true; \
		systemctl daemon-reload 2>/dev/null || true; \
		echo "Installed. Start with: systemctl enable --now enrolld"; \
	fi

clean:
	rm -rf .build .demo .build-vm
