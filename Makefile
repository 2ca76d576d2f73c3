# make install [PREFIX=DIR]: scripts/install (default prefix: /usr/local as root, else ~/.local).
# make uninstall [PREFIX=DIR]: removes what that install wrote; make test: scripts/test.
PREFIX ?=

.PHONY: install uninstall test

install:
	scripts/install $(if $(PREFIX),--prefix "$(PREFIX)")

uninstall:
	scripts/install --uninstall $(if $(PREFIX),--prefix "$(PREFIX)")

test:
	scripts/test
